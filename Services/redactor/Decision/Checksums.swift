/// Check-digit algorithms for numeric identifiers. Inputs are ASCII digit strings.
enum Checksums {
    /// NHS number modulus 11: weights 10…2 on the first nine digits; 11 → 0, 10 → invalid.
    static func isValidNHS(_ digits: String) -> Bool {
        let d = digits.compactMap(\.wholeNumberValue)
        guard d.count == 10, digits.count == 10 else { return false }
        var sum = 0
        for i in 0..<9 { sum += d[i] * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == d[9]
    }

    /// Luhn (mod 10) check over all digits, rightmost being the check digit.
    static func isValidLuhn(_ digits: String) -> Bool {
        let d = digits.compactMap(\.wholeNumberValue)
        guard d.count == digits.count, d.count >= 2 else { return false }
        var sum = 0
        for (i, v) in d.reversed().enumerated() {
            if i % 2 == 1 { let x = v * 2; sum += x > 9 ? x - 9 : x } else { sum += v }
        }
        return sum % 10 == 0
    }

    /// National Insurance prefix rules: first letter not D F I Q U V, second not D F I O Q U V,
    /// and not BG GB NK KN TN NT ZZ. Expects two upper-case ASCII letters.
    static func isValidNIPrefix(_ prefix: String) -> Bool {
        let p = Array(prefix)
        guard p.count == 2, p.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        if "DFIQUV".contains(p[0]) || "DFIOQUV".contains(p[1]) { return false }
        return !["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].contains(prefix)
    }
}
