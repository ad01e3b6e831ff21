/// Why the sentence encoder could not be loaded. Each case says which file and what to do.
public enum EncoderError: Error, Equatable, CustomStringConvertible {
    /// The file is missing or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file was read but is not what the encoder expects (wrong format, shape or type).
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason). Fetch the model with `make encoder-model` (or set SIGNPOST_ENCODER_MODEL to its directory)."
        case .malformed(let path, let reason):
            return "\(path) is not the expected encoder file: \(reason). Fetch it again with `make encoder-model`."
        }
    }
}
