import Foundation

/// Word lists the rules share. All entries are lower case with straight apostrophes.
enum Lexicon {
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr", "councillor"]

    /// Lower-case particles allowed inside a name ("Ana de Souza", "Ludwig van Beethoven").
    static let particles: Set<String> = ["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "del", "dos", "das", "bin", "bint", "ibn", "al", "el", "ap", "mac", "st", "y", "ter", "ten", "ó", "ní", "nic", "uí", "mc", "dos", "das", "do"]

    static let relations: Set<String> = [
        "mum", "mom", "mother", "dad", "father", "son", "daughter", "wife", "husband", "partner",
        "brother", "sister", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandmother",
        "grandad", "granddad", "grandpa", "grandfather", "grandson", "granddaughter", "aunt", "auntie",
        "aunty", "uncle", "niece", "nephew", "cousin", "neighbour", "neighbor", "neighbours", "friend",
        "carer", "child", "boy", "girl", "stepson", "stepdaughter", "stepmum", "stepdad", "landlord",
        "landlady", "tenant", "lodger", "colleague", "fiance", "fiancé", "fiancée", "boyfriend",
        "girlfriend", "mother-in-law", "father-in-law", "son-in-law", "daughter-in-law", "twin",
        "baby", "kid", "client", "relative", "uncle's", "social worker",
    ]
    static let possessives: Set<String> = ["my", "her", "his", "our", "their", "your", "the"]

    /// Staff role nouns after which an appositive name (", Gwen,") is a member of staff.
    static let staffRoles: Set<String> = [
        "registrar", "officer", "librarian", "driver", "staff", "carer", "worker", "advisor", "adviser",
        "assistant", "manager", "receptionist", "lady", "man", "gentleman", "warden", "inspector",
        "colleague", "agent", "operator", "nurse", "teacher", "engineer", "crew", "member", "supervisor",
        "coordinator", "co-ordinator", "clerk", "attendant", "volunteer", "therapist", "guy", "woman",
        "person", "caseworker", "handler", "operative", "technician", "ranger", "steward", "councillor",
        "caller", "resident", "customer", "applicant", "tenant", "complainant", "client", "patient", "claimant", "occupant", "householder",
    ]

    static let signOffs: [[String]] = [
        ["thanks"], ["thank", "you"], ["many", "thanks"], ["thanks", "again"], ["regards"], ["kind", "regards"],
        ["best", "regards"], ["warm", "regards"], ["kindest", "regards"], ["best", "wishes"], ["best"],
        ["cheers"], ["sincerely"], ["yours", "sincerely"], ["yours", "faithfully"], ["yours", "truly"],
        ["all", "the", "best"], ["love"], ["thanks", "in", "advance"], ["with", "thanks"], ["ta"],
        ["many", "thanks", "in", "advance"], ["thank", "you", "very", "much"], ["thanks", "very", "much"],
    ]

    /// Form-field labels whose value is a person's name.
    static let nameFields: [[String]] = [
        ["name"], ["full", "name"], ["surname"], ["first", "name"], ["last", "name"], ["forename"],
        ["forenames"], ["family", "name"], ["given", "name"], ["your", "name"], ["contact", "name"],
        ["caller", "name"], ["customer", "name"], ["applicant", "name"], ["name", "of", "applicant"],
        ["resident", "name"], ["child's", "name"], ["childs", "name"], ["child", "name"], ["patient", "name"],
        ["first", "names"], ["middle", "name"], ["maiden", "name"], ["preferred", "name"],
    ]
    /// Labels that introduce a name mid-sentence, without a colon ("First name Thandiwe").
    static let inlineNameLabels: [[String]] = [
        ["first", "name"], ["last", "name"], ["surname"], ["full", "name"], ["forename"], ["name", "on", "the", "card"],
        ["name", "on", "card"], ["cardholder", "name"], ["maiden", "name"],
    ]
    /// First words of `inlineNameLabels`, `signOffs`, and last words of `residenceTriggers`: a cheap test before the loops.
    static let inlineNameLabelFirst: Set<String> = Set(inlineNameLabels.map { $0[0] })
    static let signOffFirst: Set<String> = Set(signOffs.map { $0[0] })
    static let residenceTriggerLast: Set<String> = Set(residenceTriggers.map { $0[$0.count - 1] })
    static let addressFieldFirst: Set<String> = Set(addressFields.map { $0[0] })

    /// Words that make a field label a person's name label.
    static let nameLabelWords: Set<String> = ["name", "names", "surname", "forename", "forenames", "firstname", "lastname", "fullname", "caller", "resident", "applicant", "customer", "contact"]
    /// Words that make a "…name:" label the name of something else.
    static let nonPersonLabelWords: Set<String> = [
        "school", "street", "road", "business", "company", "organisation", "organization", "file", "user", "event",
        "product", "pet", "town", "village", "place", "venue", "building", "service", "team", "department", "site",
        "course", "club", "group", "shop", "premises", "trading", "estate", "house", "property", "email", "e-mail",
        "phone", "telephone", "number", "address", "postcode", "reference", "ref", "date", "details", "type", "method",
    ]
    /// Speaker labels of transcripts and chats.
    static let speakers: Set<String> = ["caller", "customer", "user", "resident", "client", "me", "c", "cust", "visitor", "you"]
    static let greetings: Set<String> = ["hi", "hello", "hiya", "hey", "yeah", "yes", "morning", "afternoon", "evening", "oh", "ok", "okay", "um", "er", "erm", "so", "right", "yep"]

    /// `notNames` without the words that are also given names, for strong contexts (form fields, "my name is").
    static let notNamesStrong: Set<String> = notNames.subtracting([
        "may", "june", "april", "august", "jan", "will", "thu", "sun", "mon", "sat", "wed", "dec", "hope", "grace",
        "joy", "bill", "guy", "lady", "rose", "dawn", "hill", "green", "wood", "hall", "park", "lane", "best", "kind",
        "new", "west", "north", "south", "east", "bridge", "river", "view", "court", "walk", "row", "grove", "close",
        "sunday", "august", "kerry", "mark", "sue", "pat", "don", "rob", "art", "ray", "jesus", "allah", "god", "christmas",
        "easter", "avon", "severn", "teme", "upton", "hanley", "mary", "marsh", "street", "king", "little", "great",
    ])

    /// Common lower-case chat words that end a lower-case name ("im worried", "my son fell").
    static let chatWords: Set<String> = Set("""
    worried concerned sorry fine good ok okay well sick ill unwell deaf blind disabled pregnant stuck lost new old
    not no yes just still only also already really again anyway so very too here there back home out off over away afraid
    scared angry annoyed fed up upset sad happy glad unhappy tired confused desperate homeless alone
    trying looking wanting needing going coming hoping waiting ringing calling writing messaging asking
    fell went came said told says tells lives lived lives needs needed wants wanted got gets has had have
    keeps kept cant can't cannot couldnt couldn't wont won't didnt didn't doesnt doesn't isnt isn't wasnt wasn't
    dont don't aint havent haven't hasnt hasn't should would could can will shall might must may did does do
    is are was were be been being am its it's im i'm ive i've id i'd ill i'll
    from at in on to for with about by of near next after before since until because cause cos coz
    and or but so then than if when where who what which how why that this these those
    a an the my your his her our their me him them us it you we they he she i u ur ya
    pls plz please thanks thx ty cheers hi hello hey hiya lol omg ok ta
    need want get go see know think feel live stay work move help ask pay call ring email text send
    mum mom dad son daughter wife husband partner nan gran grandad neighbour friend carer kid kids baby
    bin bins tip road street lane bus pass badge council school tax permit form
    age aged years year months month weeks week days day today tomorrow yesterday tonight morning
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    static let addressFields: [[String]] = [
        ["address"], ["home", "address"], ["your", "address"], ["postal", "address"], ["current", "address"],
        ["address", "line", "1"], ["correspondence", "address"], ["contact", "address"], ["previous", "address"],
    ]

    /// Words before a postcode's outward code that say where someone lives.
    static let outwardContext: [String] = [
        "live in", "lives in", "living in", "live at", "based in", "postcode", "post code", "postcode is",
        "post code is", "postcode's", "i'm in", "im in", "we're in", "i am in", "we are in", "moved to",
        "reside in", "resident in", "postcode area", "address is",
    ]

    static let streetSuffixes: Set<String> = [
        "road", "rd", "street", "st", "close", "cl", "lane", "ln", "avenue", "ave", "av", "drive", "dr",
        "way", "crescent", "cres", "grove", "gr", "place", "pl", "gardens", "gdns", "terrace", "terr",
        "tce", "court", "ct", "walk", "rise", "mews", "row", "square", "sq", "hill", "park", "view",
        "green", "parade", "meadow", "meadows", "croft", "end", "fields", "field", "orchard", "vale",
        "bank", "wharf", "quay", "yard", "passage", "boulevard", "circus", "crest", "dale", "gate",
        "heights", "hollow", "lea", "leys", "mead", "mount", "paddock", "chase", "approach", "broadway",
        "brow", "copse", "glade", "grange", "nook", "spinney", "villas", "wood", "cottages", "houses",
        "precinct", "hey", "close.",
    ]

    /// House-name endings ("Rose Cottage", "The Old Barn").
    static let houseNameEndings: Set<String> = ["cottage", "house", "farm", "lodge", "barn", "villa", "manor", "bungalow", "farmhouse", "hall", "mill", "cottages", "rectory", "vicarage"]

    /// Words before a place that say it is where someone lives.
    static let residenceTriggers: [[String]] = [
        ["lives", "at"], ["live", "at"], ["living", "at"], ["resides", "at"], ["reside", "at"], ["residing", "at"],
        ["address", "is"], ["address's"], ["address", "being"], ["addresses", "are"], ["i'm", "at"], ["im", "at"],
        ["we're", "at"], ["i", "am", "at"], ["we", "are", "at"], ["moved", "to"], ["moving", "to"], ["staying", "at"],
        ["stays", "at"], ["home", "is"], ["home", "at"], ["house", "at"], ["flat", "at"], ["address", "of"],
        ["lived", "at"], ["based", "at"], ["registered", "at"], ["send", "it", "to"], ["post", "it", "to"],
        ["deliver", "to"], ["delivered", "to"], ["address", "as"], ["given", "as"], ["live", "in"], ["lives", "in"],
        ["address", "is", "now"], ["new", "address", "is"], ["address", "should", "be"],
    ]

    /// Nouns of problems reported at a place: "a pothole at 23 Mill Lane" is not an address.
    static let problemWords: Set<String> = [
        "pothole", "potholes", "light", "lights", "streetlight", "lamp", "drain", "drains", "tree", "trees", "hedge",
        "flooding", "flood", "fly-tipping", "rubbish", "sign", "signs", "kerb", "pavement", "road", "junction",
        "crossing", "shelter", "stop", "car", "van", "lorry", "accident", "leak", "graffiti", "works", "roadworks",
    ]

    /// Prepositions that make a numbered street a problem location rather than an address.
    static let locationPrepositions: Set<String> = [
        "on", "outside", "opposite", "near", "by", "along", "in", "past", "behind", "beside", "between",
        "towards", "toward", "down", "up", "into", "onto", "across", "junction", "corner", "of", "from",
        "around", "round", "at", "nearby", "off", "next", "front", "beyond", "under", "over", "alongside",
    ]

    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
        "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// Days written as words ("the twenty-first of June").
    static let dayWords: [String: Int] = {
        let ones = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
        let teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
        var d: [String: Int] = [:]
        for (n, w) in ones.enumerated() { d[w] = n + 1; d["twenty-" + w] = 21 + n; d["twenty " + w] = 21 + n }
        for (n, w) in teens.enumerated() { d[w] = 10 + n }
        d["twentieth"] = 20; d["thirtieth"] = 30; d["thirty-first"] = 31
        return d
    }()

    /// Phrases before a date that make it a date of birth.
    static let birthContext: [String] = ["date of birth", "d.o.b", "dob", "born on", "born", "birth date", "birthdate", "birthday", "date birth", "d o b"]

    /// Capitalised words that are never (part of) a person's name here: function words, role
    /// words, months and days, council and service vocabulary, and local place names.
    static let notNames: Set<String> = {
        let text = """
        i i'm i've i'd i'll im a an the this that these those it it's its is was were are be been am do does did
        done have has had he she we they you your yours my mine me us our ours him her his them their there
        here where when what which who whom whose why how if then than so but and or nor not no yes yeah
        ok okay hi hello hey hiya dear thanks thank thankyou cheers regards kind best sincerely faithfully yours
        please sorry just also still very really quite too any all some many much more most other another
        each every both either neither one two three four five six seven eight nine ten first second third
        last next new old good great bad poor fine well sure can could would should will shall may might must
        need needs want wants going got get gets getting make made take taken give given call called calling
        ringing writing looking trying wondering hoping asking emailing contacting reporting complaining
        worried concerned afraid unable disabled pregnant elderly retired unemployed homeless disappointed
        frustrated happy unhappy grateful delighted disgusted angry upset confused
        agent caller user customer resident bot assistant operator advisor adviser officer staff member
        subject re fw fwd fyi message details detail description enquiry query question request complaint
        compliment comment comments feedback response reply note notes summary update issue problem report
        name surname forename email e-mail phone telephone tel mobile address postcode post code date birth
        dob number ref reference account
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec christmas easter boxing day new year
        council county district borough city town parish village hall centre center library libraries
        highways highway transport waste disposal recycling registration registrar registry adult adults
        social care children children's childrens services service education school schools trading
        standards public health customer information governance police nhs gp hospital surgery clinic
        freedom act regulations environmental data protection gdpr foi eir send ehcp sen blue badge bus
        pass concessionary household tip team department office manager government uk england britain
        british english welsh scottish irish european street road lane close avenue drive way crescent
        grove place gardens terrace court walk rise mews row square hill park view green bridge river
        worcestershire worcester droitwich kidderminster bromsgrove redditch malvern evesham pershore upton
        bewdley stourport tenbury wychavon wyre forest hills severn teme avon birmingham hereford
        herefordshire gloucestershire warwickshire shropshire staffordshire west midlands london spa
        hagley rubery alvechurch wythall hanley broadheath ombersley ombersley inkberrow broadway
        droitwich-spa stourport-on-severn upton-upon-severn arrow valley moor hill and
        a449 a38 m5 m42 m50 covid ok tv internet wifi app website online portal form
        north south east west northern southern eastern western central upper lower great little
        mr mrs ms miss mx dr prof sir madam dame rev lady lord cllr councillor
        god jesus allah lol omg asap pm am
        on in at to for with from by about of off over under into onto up down as like after before
        because since until while though although already actually basically literally definitely
        probably apparently obviously unknown withheld private anonymous confidential n/a none
        irrelevant same below above attached withheld admissions colleagues everyone sirs madam team
        planning licensing highways registration complaints customer services
        """
        return Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }()
}

extension String {
    /// Whether `word` occurs with no letter or digit directly on either side.
    func containsWord(_ word: String) -> Bool {
        var searchStart = startIndex
        while let r = range(of: word, range: searchStart..<endIndex) {
            let beforeOK = r.lowerBound == startIndex || !(self[index(before: r.lowerBound)].isLetter || self[index(before: r.lowerBound)].isNumber)
            let afterOK = r.upperBound == endIndex || !(self[r.upperBound].isLetter || self[r.upperBound].isNumber)
            if beforeOK && afterOK { return true }
            searchStart = index(after: r.lowerBound)
        }
        return false
    }

    /// The string without trailing whitespace, colons or dashes.
    var trimmedTrailingSpaceAndColon: String {
        var s = Substring(self)
        while let l = s.last, l.isWhitespace || l == ":" || l == "-" { s = s.dropLast() }
        return String(s)
    }
}

/// Classes of words the rules test tokens against, as bits: each token's lower-case word is
/// looked up once in `Lexicon.words` when the text is tokenised, so a rule's membership test
/// is a bit test instead of hashing the word again.
struct WordClass: OptionSet, Sendable, Hashable {
    let rawValue: UInt64

    static let title = WordClass(rawValue: 1 << 0)
    static let particle = WordClass(rawValue: 1 << 1)
    static let relation = WordClass(rawValue: 1 << 2)
    static let possessive = WordClass(rawValue: 1 << 3)
    static let staffRole = WordClass(rawValue: 1 << 4)
    static let inlineNameLabelFirst = WordClass(rawValue: 1 << 5)
    static let signOffFirst = WordClass(rawValue: 1 << 6)
    static let residenceTriggerLast = WordClass(rawValue: 1 << 7)
    static let addressFieldFirst = WordClass(rawValue: 1 << 8)
    static let nameLabel = WordClass(rawValue: 1 << 9)
    static let nonPersonLabel = WordClass(rawValue: 1 << 10)
    static let speaker = WordClass(rawValue: 1 << 11)
    static let greeting = WordClass(rawValue: 1 << 12)
    static let notName = WordClass(rawValue: 1 << 13)
    static let notNameStrong = WordClass(rawValue: 1 << 14)
    static let chatWord = WordClass(rawValue: 1 << 15)
    static let streetSuffix = WordClass(rawValue: 1 << 16)
    static let houseNameEnding = WordClass(rawValue: 1 << 17)
    static let problemWord = WordClass(rawValue: 1 << 18)
    static let locationPreposition = WordClass(rawValue: 1 << 19)
    static let knownTown = WordClass(rawValue: 1 << 20)
    static let streetStop = WordClass(rawValue: 1 << 21)
    /// Words after which a second name ("X and Y …") may end: at, in, from, who, …
    static let andFollow = WordClass(rawValue: 1 << 22)
    /// Fillers before a name given in answer: yes, it's, my, name's, um, …
    static let answerFiller = WordClass(rawValue: 1 << 23)
    /// here, speaking, again, calling, ringing ("X here").
    static let nameHereAnchor = WordClass(rawValue: 1 << 24)
    /// is, are, was, and: a verb or conjunction after "X here".
    static let nameHereStop = WordClass(rawValue: 1 << 25)
    /// called, named, is: after a relation word.
    static let relationLink = WordClass(rawValue: 1 << 26)
    /// i'm, im, am, called, named: introductions taking a lower-case name in chats.
    static let chatIntro = WordClass(rawValue: 1 << 27)
    /// here, speaking, calling, ringing, from, again ("it's X here").
    static let introHereAnchor = WordClass(rawValue: 1 << 28)
    /// Words that may follow "this is X".
    static let thisIsFollow = WordClass(rawValue: 1 << 29)
    /// the, our, your, a, my ("Gwen, the registrar").
    static let appositionDeterminer = WordClass(rawValue: 1 << 30)
    /// The words `PersonDetector.introConfidence` looks at.
    static let introHead = WordClass(rawValue: 1 << 31)
    /// name, surname, forename, spell, who: a question asking for a name.
    static let asksName = WordClass(rawValue: 1 << 32)
    /// it's, its.
    static let its = WordClass(rawValue: 1 << 33)
    /// my, details, contact: first words of the details labels.
    static let detailsFirst = WordClass(rawValue: 1 << 34)
    /// town, city, village: a town field.
    static let townField = WordClass(rawValue: 1 << 35)
    /// flat, apartment, apt, unit.
    static let flat = WordClass(rawValue: 1 << 36)
    /// Words saying whose home an "at" address is: my, our, she, family, home, …
    static let residenceOwner = WordClass(rawValue: 1 << 37)
    /// carer, caring, advocate, … ("carer for X").
    static let careFor = WordClass(rawValue: 1 << 38)
    /// spoke, speaking, thanks, … ("spoke to X").
    static let spokeTo = WordClass(rawValue: 1 << 39)
    /// thank, thanks.
    static let thank = WordClass(rawValue: 1 << 40)
    /// wells, spa (after a lower-case known town).
    static let wellsSpa = WordClass(rawValue: 1 << 41)
    /// and.
    static let and = WordClass(rawValue: 1 << 42)
    /// at, of: before a possible home address.
    static let atOf = WordClass(rawValue: 1 << 43)
}

/// What the lexicon knows about one lower-case word.
struct WordInfo: Sendable {
    var classes: WordClass = []
    /// Month number, else 0.
    var month: Int = 0
    /// Day of a day word ("third", "twenty-first"), else 0.
    var day: Int = 0
}

extension Lexicon {
    /// Every word of every list the rules test tokens against, with its classes.
    static let words: [String: WordInfo] = {
        var d: [String: WordInfo] = [:]
        func add<S: Sequence>(_ words: S, _ c: WordClass) where S.Element == String {
            for w in words { d[w, default: WordInfo()].classes.insert(c) }
        }
        add(titles, .title)
        add(particles, .particle)
        add(relations, .relation)
        add(possessives, .possessive)
        add(staffRoles, .staffRole)
        add(inlineNameLabelFirst, .inlineNameLabelFirst)
        add(signOffFirst, .signOffFirst)
        add(residenceTriggerLast, .residenceTriggerLast)
        add(addressFieldFirst, .addressFieldFirst)
        add(nameLabelWords, .nameLabel)
        add(nonPersonLabelWords, .nonPersonLabel)
        add(speakers, .speaker)
        add(greetings, .greeting)
        add(notNames, .notName)
        add(notNamesStrong, .notNameStrong)
        add(chatWords, .chatWord)
        add(streetSuffixes, .streetSuffix)
        add(houseNameEndings, .houseNameEnding)
        add(problemWords, .problemWord)
        add(locationPrepositions, .locationPreposition)
        add(AddressDetector.knownTowns, .knownTown)
        add(AddressDetector.streetStop, .streetStop)
        add(["at", "in", "from", "who", "for", "the", "on", "were", "was", "are", "have", "had"], .andFollow)
        add(["yes", "yeah", "yep", "sure", "it's", "its", "it", "is", "my", "name's", "names", "name", "oh", "er", "um", "ok", "okay", "so"], .answerFiller)
        add(["here", "speaking", "again", "calling", "ringing"], .nameHereAnchor)
        add(["is", "are", "was", "and"], .nameHereStop)
        add(["called", "named", "is"], .relationLink)
        add(["i'm", "im", "am", "called", "named"], .chatIntro)
        add(["here", "speaking", "calling", "ringing", "from", "again"], .introHereAnchor)
        add(["i", "and", "can", "could", "my", "im", "i'm", "from", "at", "on", "in", "about", "again", "here", "calling", "ringing", "speaking"], .thisIsFollow)
        add(["the", "our", "your", "a", "my"], .appositionDeterminer)
        add(["is", "name's", "names", "i'm", "im", "am", "called", "named", "as", "of", "for", "me", "caller", "customer",
             "resident", "client", "applicant", "complainant", "to", "with", "thank", "dear", "hi", "hello", "hiya"], .introHead)
        add(["name", "surname", "forename", "spell", "who"], .asksName)
        add(["it's", "its"], .its)
        add(["my", "details", "contact"], .detailsFirst)
        add(["town", "city", "village"], .townField)
        add(["flat", "apartment", "apt", "unit"], .flat)
        add(["my", "our", "his", "her", "their", "we", "she", "he", "they", "i", "family", "mum's", "dad's", "home", "house", "flat"], .residenceOwner)
        add(["carer", "caring", "care", "advocate", "guardian", "appointee", "attorney", "after", "responsible"], .careFor)
        add(["spoke", "speaking", "spoken", "talked", "talking", "dealt", "thanks", "thank", "speak", "talk", "chat", "chatted", "spoken"], .spokeTo)
        add(["thank", "thanks"], .thank)
        add(["wells", "spa"], .wellsSpa)
        add(["and"], .and)
        add(["at", "of"], .atOf)
        for (w, m) in months { d[w, default: WordInfo()].month = m }
        for (w, n) in dayWords { d[w, default: WordInfo()].day = n }
        return d
    }()
}
