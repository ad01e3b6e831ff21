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
