import Foundation

/// The float tensors of a `.safetensors` file: an 8-byte little-endian header length, a JSON
/// header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
/// Only `F32` tensors are read; others (such as `position_ids`) are listed but not loaded. The file is
/// memory-mapped, not read: replace it by renaming a new file over it (as `scripts/fetch-encoder-model.sh`
/// does), never by writing into it, while a classifier that loaded it runs.
struct Safetensors {
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

    /// The F32 tensor `name`, checked to have `shape`, left in place: the file's bytes (memory-mapped,
    /// so only the pages read are ever resident, and instances on one host share them) and where the
    /// tensor starts in them. Its floats may not be 4-byte aligned: read them with `loadUnaligned`.
    func mappedTensor(_ name: String, shape: [Int]) throws(EncoderError) -> MappedTensor {
        MappedTensor(bytes: data, start: try byteRange(name, shape: shape).lowerBound, count: shape.reduce(1, *))
    }

    /// The F32 tensor `name`, checked to have `shape`, copied out of the file.
    func tensor(_ name: String, shape: [Int]) throws(EncoderError) -> [Float] {
        let range = try byteRange(name, shape: shape)
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        values.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { raw in out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[range])) }
        }
        // The file is little-endian, as is every platform Signpost builds for (x86-64, arm64).
        return values
    }

    /// The bytes of the F32 tensor `name` within the file, checked against `shape` and the file's length.
    private func byteRange(_ name: String, shape: [Int]) throws(EncoderError) -> Range<Int> {
        guard let entry = header[name] as? [String: Any] else { throw .malformed(path: path, reason: "no tensor \(name)") }
        guard entry["dtype"] as? String == "F32" else { throw .malformed(path: path, reason: "\(name) is not F32") }
        guard let found = entry["shape"] as? [Int], found == shape else {
            throw .malformed(path: path, reason: "\(name) has shape \(String(describing: entry["shape"])), expected \(shape)")
        }
        guard let offsets = entry["data_offsets"] as? [Int], offsets.count == 2,
              offsets[1] - offsets[0] == shape.reduce(4, *), dataStart + offsets[1] <= data.count else {
            throw .malformed(path: path, reason: "\(name)'s byte range does not fit its shape or the file")
        }
        return (dataStart + offsets[0])..<(dataStart + offsets[1])
    }
}

/// An F32 tensor read in place from a memory-mapped `.safetensors` file (`Safetensors.mappedTensor`).
struct MappedTensor: Sendable {
    /// The whole file, mapped.
    let bytes: Data
    /// Byte offset of the first float.
    let start: Int
    /// Floats in the tensor.
    let count: Int

    /// Calls `body` with the file's bytes; float `i` of the tensor is at byte `start + 4 * i`.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes(body)
    }
}
