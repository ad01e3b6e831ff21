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
        keys.initials = FormKeys.initials(of: forms)
        return keys
    }
}

/// The `WordKey`s of a token's forms, in the order of `Token.forms`, stored inline.
struct FormKeys: Sendable, Hashable {
    var lanes = SIMD8<UInt64>()
    /// Number of keys; 0 means "no keys: compare the forms as strings".
    var count = 0
    /// The first bytes of the forms: bit `b - 97` for a lower-case letter `b`, bit 26 for any other
    /// first byte (or an empty form). Set wherever `count` is.
    var initials: UInt32 = 0

    /// `initials` of `forms`.
    static func initials(of forms: [String]) -> UInt32 {
        var mask: UInt32 = 0
        for form in forms { mask |= initial(form) }
        return mask
    }

    /// `initials(of: [first] + more)`, without building the array.
    static func initials(of first: String, _ more: [String]) -> UInt32 {
        var mask = initial(first)
        for form in more { mask |= initial(form) }
        return mask
    }

    /// The `initials` bit of one form.
    @inline(__always) private static func initial(_ form: String) -> UInt32 {
        let b = form.utf8.first ?? 0
        return b &- UInt8(ascii: "a") < 26 ? UInt32(1) << UInt32(b &- UInt8(ascii: "a")) : UInt32(1) << 26
    }

    /// Whether some form starts with the byte `b` (exact for a lower-case letter; `nil` for any other byte).
    @inline(__always) func someForm(startsWith b: UInt8) -> Bool? {
        b &- UInt8(ascii: "a") < 26 ? initials & (UInt32(1) << UInt32(b &- UInt8(ascii: "a"))) != 0 : nil
    }
}

/// An open-addressing table from an ASCII word (by its `WordKey`) to a small integer.
struct WordTable: Sendable {
    /// A slot: key and value side by side, so a probe reads one cache line.
    private struct Slot: Sendable {
        var key: UInt64 = 0
        var value: Int32 = -1
    }
    private var slots: [Slot]
    private var words: [String]
    private let mask: Int

    init(_ entries: [(word: String, key: UInt64, value: Int32)]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        words = Array(repeating: "", count: size)
        mask = size - 1
        for e in entries {
            var slot = Int(truncatingIfNeeded: e.key) & mask
            while slots[slot].value >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: e.key, value: e.value)
            words[slot] = e.word
        }
    }

    /// The value stored for `word` (whose key is `key`), or -1.
    @inline(__always) func value(_ key: UInt64, _ word: String) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let s = slots[slot]
                if s.value < 0 { return -1 }
                if s.key == key, words[slot] == word { return s.value }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// An open-addressing table from a 64-bit hash (already well mixed, such as FNV-1a) to a
/// non-negative `Int32`: the same answers as a `[UInt64: Int32]`, without `Hasher`.
struct HashTable: Sendable {
    /// A slot: key and value side by side, so a probe reads one cache line.
    private struct Slot: Sendable {
        var key: UInt64 = 0
        var value: Int32 = -1
    }
    private var slots: [Slot]
    private let mask: Int

    init(_ entries: [UInt64: Int32]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        for (key, value) in entries {
            precondition(value >= 0)
            var slot = HashTable.slot(key, mask)
            while slots[slot].value >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, value: value)
        }
    }

    /// FNV-1a mixes its last byte into the low bits least, so the slot also takes high bits.
    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    /// The value stored for `key`, or -1.
    @inline(__always) subscript(key: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var slot = HashTable.slot(key, mask)
            while true {
                let s = slots[slot]
                if s.value < 0 { return -1 }
                if s.key == key { return s.value }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// Which ASCII words occur among a document's token forms, as a 1024-bit Bloom filter over their
/// `WordKey`s: a cue whose later words are not all present cannot match, so matching skips it
/// without walking its pattern. Answers "maybe" for every word when some form is not ASCII.
struct WordPresence: Sendable {
    /// Sixteen 64-bit words; every bit set when some token has a form without a key (then
    /// `mayContain` is always true, with no separate test).
    private var bits = [UInt64](repeating: 0, count: 16)

    /// The filter bit of a word key (the top ten bits of a multiplicative mix: FNV-1a's low bits
    /// are the least mixed).
    @inline(__always) static func bit(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 54)
    }

    init() {}

    init(_ tokens: [Token]) {
        bits.withUnsafeMutableBufferPointer { bits in
            for i in tokens.indices {
                let keys = tokens[i].formKeys  // the keys alone: a bound token would retain its strings
                if keys.count == 0 {
                    for w in 0..<16 { bits[w] = ~0 }
                    return
                }
                for k in 0..<keys.count {
                    let bit = WordPresence.bit(keys.lanes[k])
                    bits[bit >> 6] |= UInt64(1) << UInt64(bit & 63)
                }
            }
        }
    }

    /// False only when no form of any token has a key with this filter bit.
    @inline(__always) func mayContain(bit: Int) -> Bool {
        bits[bit >> 6] & (UInt64(1) << UInt64(bit & 63)) != 0
    }

    /// The sixteen filter words (bit `b` is bit `b & 63` of word `b >> 6`), lent to `body`.
    @inline(__always) func withBits<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
        try bits.withUnsafeBufferPointer(body)
    }
}
