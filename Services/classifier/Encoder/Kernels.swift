import Foundation

/// The dense arithmetic of the encoder: matrix products, layer norm, GELU and attention, on
/// row-major Float buffers. Plain Swift SIMD; the compiler maps `SIMD8<Float>` to the widest
/// vector registers of the target.
enum Kernels {
    /// Columns per register block of `linear`: three 8-float vectors.
    static let block = 24

    /// `y[rows × n] = x[rows × k] · w[k × n] + bias[n]`; `w` is stored transposed (input-major) and `n`
    /// is a multiple of `block`. Four rows at a time share each load of `w`.
    static func linear(_ x: UnsafePointer<Float>, rows: Int, k: Int, weights w: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                       n: Int, into y: UnsafeMutablePointer<Float>) {
        precondition(n % block == 0)
        for j in stride(from: 0, to: n, by: block) {
            let b0 = load(bias + j), b1 = load(bias + j + 8), b2 = load(bias + j + 16)
            var i = 0
            while i + 4 <= rows {
                var a00 = b0, a01 = b1, a02 = b2, a10 = b0, a11 = b1, a12 = b2
                var a20 = b0, a21 = b1, a22 = b2, a30 = b0, a31 = b1, a32 = b2
                let x0 = x + i * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k
                var wk = w + j
                for kk in 0..<k {
                    let w0 = load(wk), w1 = load(wk + 8), w2 = load(wk + 16)
                    let s0 = SIMD8(repeating: x0[kk]), s1 = SIMD8(repeating: x1[kk])
                    let s2 = SIMD8(repeating: x2[kk]), s3 = SIMD8(repeating: x3[kk])
                    a00 += s0 * w0; a01 += s0 * w1; a02 += s0 * w2
                    a10 += s1 * w0; a11 += s1 * w1; a12 += s1 * w2
                    a20 += s2 * w0; a21 += s2 * w1; a22 += s2 * w2
                    a30 += s3 * w0; a31 += s3 * w1; a32 += s3 * w2
                    wk += n
                }
                let y0 = y + i * n + j, y1 = y0 + n, y2 = y1 + n, y3 = y2 + n
                store(a00, y0); store(a01, y0 + 8); store(a02, y0 + 16)
                store(a10, y1); store(a11, y1 + 8); store(a12, y1 + 16)
                store(a20, y2); store(a21, y2 + 8); store(a22, y2 + 16)
                store(a30, y3); store(a31, y3 + 8); store(a32, y3 + 16)
                i += 4
            }
            while i < rows {
                var a0 = b0, a1 = b1, a2 = b2
                let xi = x + i * k
                var wk = w + j
                for kk in 0..<k {
                    let s = SIMD8(repeating: xi[kk])
                    a0 += s * load(wk); a1 += s * load(wk + 8); a2 += s * load(wk + 16)
                    wk += n
                }
                let yi = y + i * n + j
                store(a0, yi); store(a1, yi + 8); store(a2, yi + 16)
                i += 1
            }
        }
    }

    /// Each row of `x[rows × width]` normalised to mean 0 and variance 1, then scaled and shifted.
    static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, scale: UnsafePointer<Float>, shift: UnsafePointer<Float>,
                          epsilon: Float = 1e-12) {
        for r in 0..<rows {
            let row = x + r * width
            var sum: Float = 0
            for c in 0..<width { sum += row[c] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for c in 0..<width { let d = row[c] - mean; squares += d * d }
            let inverse = 1 / (squares / Float(width) + epsilon).squareRoot()
            for c in 0..<width { row[c] = (row[c] - mean) * inverse * scale[c] + shift[c] }
        }
    }

    /// GELU, tanh form: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let c: Float = (2 / Float.pi).squareRoot()
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + tanhf(c * (v + 0.044715 * v * v * v)))
        }
    }

    /// Multi-head self-attention over one unpadded sequence. `qkv[rows × 3·width]` holds each
    /// token's query, key and value side by side; the context (`rows × width`) goes to `out`.
    /// `scores` has room for `rows` floats.
    static func attention(_ qkv: UnsafePointer<Float>, rows: Int, width: Int, heads: Int,
                          scores: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let size = width / heads
        precondition(size % 8 == 0)
        let stride = 3 * width
        let scale = 1 / Float(size).squareRoot()
        for h in 0..<heads {
            for i in 0..<rows {
                let q = qkv + i * stride + h * size
                var top = -Float.infinity
                for j in 0..<rows {
                    let kj = qkv + j * stride + width + h * size
                    var acc = SIMD8<Float>()
                    for d in Swift.stride(from: 0, to: size, by: 8) { acc += load(q + d) * load(kj + d) }
                    let s = acc.sum() * scale
                    scores[j] = s
                    top = max(top, s)
                }
                var total: Float = 0
                for j in 0..<rows { let e = expf(scores[j] - top); scores[j] = e; total += e }
                let o = out + i * width + h * size
                for d in Swift.stride(from: 0, to: size, by: 8) {
                    var acc = SIMD8<Float>()
                    for j in 0..<rows { acc += SIMD8(repeating: scores[j]) * load(qkv + j * stride + 2 * width + h * size + d) }
                    store(acc / SIMD8(repeating: total), o + d)
                }
            }
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
