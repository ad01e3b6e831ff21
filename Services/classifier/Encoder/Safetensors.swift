import Foundation

/// The float tensors of a `.safetensors` file: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Only `F32` tensors are read; others (such as `position_ids`) are listed but not loaded.
struct Safetensors {
    struct Tensor {
        var shape: [Int]
        var values: [Float]
    }

    private let data: Data
    private let header: [String: Any]
    private let dataStart: Int
    let path: String

    init(contentsOf url: URL) throws(EncoderError) {
        path = url.path
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        guard data.count >= 8 else { throw .malformed(path: url.path, reason: "shorter than its 8-byte header length") }
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length > 0, 8 + length <= data.count,
              let json = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + length))) as? [String: Any] else {
            throw .malformed(path: url.path, reason: "no JSON header of the length its first 8 bytes give")
        }
        header = json
        dataStart = 8 + length
    }

    /// The F32 tensor `name`, checked to have `shape`.
    func tensor(_ name: String, shape: [Int]) throws(EncoderError) -> [Float] {
        guard let entry = header[name] as? [String: Any] else { throw .malformed(path: path, reason: "no tensor \(name)") }
        guard entry["dtype"] as? String == "F32" else { throw .malformed(path: path, reason: "\(name) is not F32") }
        guard let found = entry["shape"] as? [Int], found == shape else {
            throw .malformed(path: path, reason: "\(name) has shape \(String(describing: entry["shape"])), expected \(shape)")
        }
        guard let offsets = entry["data_offsets"] as? [Int], offsets.count == 2,
              offsets[1] - offsets[0] == shape.reduce(4, *), dataStart + offsets[1] <= data.count else {
            throw .malformed(path: path, reason: "\(name)'s byte range does not fit its shape or the file")
        }
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        values.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { raw in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(dataStart + offsets[0])..<(dataStart + offsets[1])]))
            }
        }
        // The file is little-endian, as is every platform Signpost builds for (x86-64, arm64).
        return values
    }
}
