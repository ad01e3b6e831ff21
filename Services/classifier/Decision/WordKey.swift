/// A 64-bit FNV-1a hash of an ASCII word's bytes: lexicon lookups compare these keys (and then
/// the words, so a collision cannot match) instead of hashing `String`s per token and per lexicon.
/// Non-ASCII words have no key: they are compared as `String`s (canonical equivalence), as before.
enum WordKey {
    static func key(_ word: String) -> UInt64? {
        var word = word
        return word.withUTF8 { bytes -> UInt64? in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes {
                if b >= 0x80 { return nil }
                h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
            }
            return h
        }
    }

    /// Keys of a token's forms; `count == 0` when any form is not ASCII (or there are more than 8).
    static func keys(of forms: [String]) -> FormKeys {
        var keys = FormKeys()
        guard forms.count <= 8 else { return keys }
        for (i, form) in forms.enumerated() {
            guard let k = key(form) else { return FormKeys() }
            keys.lanes[i] = k
        }
        keys.count = forms.count
        return keys
    }
}

/// The `WordKey`s of a token's forms, in the order of `Token.forms`, stored inline.
struct FormKeys: Sendable, Hashable {
    var lanes = SIMD8<UInt64>()
    /// Number of keys; 0 means "no keys: compare the forms as strings".
    var count = 0
}

/// An open-addressing table from an ASCII word (by its `WordKey`) to a small integer.
struct WordTable: Sendable {
    private var keys: [UInt64]
    private var words: [String]
    private var values: [Int32]
    private let mask: Int

    init(_ entries: [(word: String, key: UInt64, value: Int32)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        words = Array(repeating: "", count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for e in entries {
            var slot = Int(truncatingIfNeeded: e.key) & mask
            while values[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = e.key
            words[slot] = e.word
            values[slot] = e.value
        }
    }

    /// The value stored for `word` (whose key is `key`), or -1.
    @inline(__always) func value(_ key: UInt64, _ word: String) -> Int32 {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let v = values[slot]
            if v < 0 { return -1 }
            if keys[slot] == key, words[slot] == word { return v }
            slot = (slot + 1) & mask
        }
    }
}
