import Foundation

/// all-MiniLM-L6-v2, a pretrained sentence encoder: a text in, a unit-length vector of 384 floats
/// out, close for texts of close meaning.
///
/// BERT with 6 layers, 384 wide, 12 attention heads: token, position and type embeddings, then per
/// layer self-attention and a GELU feed-forward, each with a residual and layer norm. The sentence
/// is the mean of its tokens' last states, scaled to unit length (the model's sentence-transformers
/// configuration). Texts are cut at 256 word pieces. The same arithmetic as
/// `corpus/encoder/embed.py` (GELU in its tanh form), so heads fitted to that script's vectors
/// read these. One text at a time on the calling thread; safe to share between threads.
public struct SentenceEncoder: Sendable {
    /// Floats per sentence vector.
    public static let dimension = 384
    static let layers = 6, heads = 12, intermediate = 1536, positions = 512, vocabulary = 30522
    /// Word pieces per text, [CLS] and [SEP] included.
    public static let maxLength = 256

    /// The files of the model directory that are read.
    public static let weightsFile = "model.safetensors", tokenizerFile = "tokenizer.json"

    struct Layer: Sendable {
        /// Query, key and value side by side: input-major, 384 × 1152.
        var qkv: [Float], qkvBias: [Float]
        var output: [Float], outputBias: [Float], norm1: [Float], norm1Bias: [Float]
        var up: [Float], upBias: [Float], down: [Float], downBias: [Float], norm2: [Float], norm2Bias: [Float]
    }

    let tokenizer: WordPieceTokenizer
    /// The word-piece table (30,522 × 384 floats, 47 MB, half the weights) stays in the mapped file:
    /// a text reads a few hundred of its rows, so the rest is never resident.
    let words: MappedTensor
    let positionTable: [Float], type0: [Float], embeddingNorm: [Float], embeddingNormBias: [Float]
    let stack: [Layer]

    /// Where `make encoder-model` puts the model, under the repository (or working directory) `root`.
    public static let defaultDirectory = ".signpost/encoder/all-minilm-l6-v2"

    /// The model directory: `SIGNPOST_ENCODER_MODEL` when set, else `defaultDirectory` under `root`.
    public static func modelDirectory(relativeTo root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["SIGNPOST_ENCODER_MODEL"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return root.appendingPathComponent(defaultDirectory)
    }

    /// Loads `model.safetensors` and `tokenizer.json` from `directory` (as `make encoder-model` leaves them).
    public init(modelDirectory directory: URL) throws(EncoderError) {
        tokenizer = try WordPieceTokenizer(tokenizerJSON: directory.appendingPathComponent(Self.tokenizerFile))
        let file = try Safetensors(contentsOf: directory.appendingPathComponent(Self.weightsFile))
        let d = Self.dimension, f = Self.intermediate
        words = try file.mappedTensor("embeddings.word_embeddings.weight", shape: [Self.vocabulary, d])
        positionTable = try file.tensor("embeddings.position_embeddings.weight", shape: [Self.positions, d])
        type0 = Array(try file.tensor("embeddings.token_type_embeddings.weight", shape: [2, d]).prefix(d))
        embeddingNorm = try file.tensor("embeddings.LayerNorm.weight", shape: [d])
        embeddingNormBias = try file.tensor("embeddings.LayerNorm.bias", shape: [d])
        var stack: [Layer] = []
        for i in 0..<Self.layers {
            let p = "encoder.layer.\(i)."
            func dense(_ name: String, _ out: Int, _ input: Int) throws(EncoderError) -> (weights: [Float], bias: [Float]) {
                (Self.transposed(try file.tensor(p + name + ".weight", shape: [out, input]), rows: out, columns: input),
                 try file.tensor(p + name + ".bias", shape: [out]))
            }
            let q = try dense("attention.self.query", d, d), k = try dense("attention.self.key", d, d), v = try dense("attention.self.value", d, d)
            var qkv = [Float](repeating: 0, count: d * 3 * d)
            for row in 0..<d {
                for (m, part) in [q.weights, k.weights, v.weights].enumerated() {
                    qkv.replaceSubrange((row * 3 * d + m * d)..<(row * 3 * d + (m + 1) * d), with: part[(row * d)..<((row + 1) * d)])
                }
            }
            let o = try dense("attention.output.dense", d, d), up = try dense("intermediate.dense", f, d), down = try dense("output.dense", d, f)
            stack.append(Layer(
                qkv: qkv, qkvBias: q.bias + k.bias + v.bias,
                output: o.weights, outputBias: o.bias,
                norm1: try file.tensor(p + "attention.output.LayerNorm.weight", shape: [d]), norm1Bias: try file.tensor(p + "attention.output.LayerNorm.bias", shape: [d]),
                up: up.weights, upBias: up.bias, down: down.weights, downBias: down.bias,
                norm2: try file.tensor(p + "output.LayerNorm.weight", shape: [d]), norm2Bias: try file.tensor(p + "output.LayerNorm.bias", shape: [d])
            ))
        }
        self.stack = stack
    }

    /// `m[rows × columns]` as `columns × rows`.
    static func transposed(_ m: [Float], rows: Int, columns: Int) -> [Float] {
        var t = [Float](repeating: 0, count: m.count)
        for r in 0..<rows { for c in 0..<columns { t[c * rows + r] = m[r * columns + c] } }
        return t
    }

    /// The word-piece ids the encoder reads for `text`.
    public func tokenize(_ text: String) -> [Int32] { tokenizer.encode(text, maxLength: Self.maxLength) }

    /// Whether `text` holds a word piece the encoder knows: with none (an empty text, emoji alone),
    /// its vector says nothing about the text.
    public func readsWords(in text: String) -> Bool { tokenizer.containsWords(tokenize(text)) }

    /// The unit-length sentence vector of `text` (`dimension` floats).
    public func embed(_ text: String) -> [Float] { embed(ids: tokenize(text)) }

    /// The sentence vector of word-piece ids ([CLS] … [SEP], at most `maxLength`).
    func embed(ids: [Int32]) -> [Float] {
        let n = ids.count, d = Self.dimension, f = Self.intermediate
        var x = [Float](repeating: 0, count: n * d), attended = x, mixed = x
        var qkv = [Float](repeating: 0, count: n * 3 * d), hidden = [Float](repeating: 0, count: n * f)
        var scores = [Float](repeating: 0, count: n)
        words.withUnsafeBytes { table in
            for (i, id) in ids.enumerated() {
                precondition(id >= 0 && Int(id) < Self.vocabulary, "word-piece id \(id) outside the vocabulary")
                let w = words.start + Int(id) * d * 4, p = i * d
                for c in 0..<d { x[p + c] = table.loadUnaligned(fromByteOffset: w + 4 * c, as: Float.self) + positionTable[p + c] + type0[c] }
            }
        }
        x.withUnsafeMutableBufferPointer { Kernels.layerNorm($0.baseAddress!, rows: n, width: d, scale: embeddingNorm, shift: embeddingNormBias) }
        for layer in stack {
            x.withUnsafeMutableBufferPointer { x in
            qkv.withUnsafeMutableBufferPointer { qkv in
            attended.withUnsafeMutableBufferPointer { attended in
            mixed.withUnsafeMutableBufferPointer { mixed in
            hidden.withUnsafeMutableBufferPointer { hidden in
            scores.withUnsafeMutableBufferPointer { scores in
                let x = x.baseAddress!, qkv = qkv.baseAddress!, attended = attended.baseAddress!
                let mixed = mixed.baseAddress!, hidden = hidden.baseAddress!
                Kernels.linear(x, rows: n, k: d, weights: layer.qkv, bias: layer.qkvBias, n: 3 * d, into: qkv)
                Kernels.attention(qkv, rows: n, width: d, heads: Self.heads, scores: scores.baseAddress!, into: attended)
                Kernels.linear(attended, rows: n, k: d, weights: layer.output, bias: layer.outputBias, n: d, into: mixed)
                for i in 0..<(n * d) { x[i] += mixed[i] }
                Kernels.layerNorm(x, rows: n, width: d, scale: layer.norm1, shift: layer.norm1Bias)
                Kernels.linear(x, rows: n, k: d, weights: layer.up, bias: layer.upBias, n: f, into: hidden)
                Kernels.gelu(hidden, count: n * f)
                Kernels.linear(hidden, rows: n, k: f, weights: layer.down, bias: layer.downBias, n: d, into: mixed)
                for i in 0..<(n * d) { x[i] += mixed[i] }
                Kernels.layerNorm(x, rows: n, width: d, scale: layer.norm2, shift: layer.norm2Bias)
            }}}}}}
        }
        var mean = [Float](repeating: 0, count: d)
        for i in 0..<n { for c in 0..<d { mean[c] += x[i * d + c] } }
        let length = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? mean.map { $0 / length } : mean
    }
}
