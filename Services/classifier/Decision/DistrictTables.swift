import SignpostEvents

/// Where the postcode and place-name tables come from: best local knowledge, not the ONS
/// postcode directory. A later issue should replace the outward-code table by one generated
/// from ONSPD (postcode -> local authority district), which would also settle the sectors
/// noted below as uncertain.
enum DistrictTables {
    /// Worcestershire outward codes. One district: the code lies (almost) wholly in it. Several:
    /// it straddles a boundary, so the postcode alone cannot decide. A single district marked
    /// `partlyOutside` shares the code with a council outside the county, which is as undecidable.
    static let outwardCodes: [String: (districts: [District], partlyOutside: Bool)] = [
        // Worcester. WR1 and WR4 are city; WR2 reaches Malvern Hills parishes (Hallow, Lower Broadheath,
        // Powick side), WR3 reaches Wychavon (Fernhill Heath, North Claines), WR5 reaches Malvern Hills
        // (Kempsey) and Wychavon (Norton, Whittington).
        "wr1": ([.worcesterCity], false),
        "wr2": ([.worcesterCity, .malvernHills], false),
        "wr3": ([.worcesterCity, .wychavon], false),
        "wr4": ([.worcesterCity], false), // uncertain at the edge: a few Wychavon addresses near Hindlip/Warndon.
        "wr5": ([.worcesterCity, .malvernHills, .wychavon], false),
        "wr6": ([.malvernHills], false), // Martley, Clifton upon Teme, Abberley.
        "wr7": ([.wychavon], false), // Inkberrow, Upton Snodsbury.
        "wr8": ([.malvernHills, .wychavon], false), // Upton-upon-Severn, Hanley Castle (MH); Defford, Besford (Wychavon).
        "wr9": ([.wychavon], false), // Droitwich Spa, Ombersley.
        "wr10": ([.wychavon], false), // Pershore, Eckington.
        "wr11": ([.wychavon], false), // Evesham, Badsey; a few villages are in Warwickshire/Gloucestershire (uncertain, ignored).
        "wr12": ([.wychavon], false), // Broadway; Stanton/Snowshill side is Gloucestershire (uncertain, ignored).
        "wr13": ([.malvernHills], false), // Malvern Wells, Welland; Colwall/Cradley side is Herefordshire (uncertain, ignored).
        "wr14": ([.malvernHills], false), // Great Malvern, Malvern Link.
        "wr15": ([.malvernHills], false), // Tenbury Wells; fringe in Shropshire/Herefordshire (ignored).
        // Bromsgrove.
        "b60": ([.bromsgrove], false), // uncertain: B60 4 includes Hanbury, which is Wychavon.
        "b61": ([.bromsgrove], false), // Bromsgrove north, Catshill.
        "b45": ([.bromsgrove], true), // Rubery, Barnt Green, Lickey (Bromsgrove) and Rednal/Frankley (Birmingham).
        "b47": ([.bromsgrove], false), // Wythall, Hollywood; uncertain: Earlswood side is outside the county.
        "b48": ([.bromsgrove], false), // Alvechurch, Hopwood.
        "dy9": ([.bromsgrove], true), // Hagley, Clent, Belbroughton (Bromsgrove) and Stourbridge/Pedmore (Dudley).
        "b62": ([.bromsgrove], true), // Romsley (Bromsgrove) and Halesowen (Dudley).
        // Redditch.
        "b97": ([.redditch], false), // uncertain: Upper Bentley side is Bromsgrove.
        "b98": ([.redditch], false),
        "b96": ([.redditch, .wychavon], false), // Astwood Bank (Redditch), Feckenham (Wychavon); Studley side Warwickshire.
        // Wyre Forest.
        "dy10": ([.wyreForest], false), // uncertain: Chaddesley Corbett (DY10 4) is Wychavon.
        "dy11": ([.wyreForest], false), // uncertain: Hartlebury (DY11 7) is Wychavon.
        "dy12": ([.wyreForest], false), // Bewdley; Kinlet side is Shropshire (ignored).
        "dy13": ([.wyreForest], false), // Stourport-on-Severn; uncertain: Astley is Malvern Hills.
        "dy14": ([.wyreForest], true), // Rock, Far Forest (Wyre Forest) and Cleobury Mortimer (Shropshire).
        // Gloucestershire codes with Worcestershire villages.
        "gl20": ([.wychavon, .malvernHills], true), // Bredon, Kemerton (Wychavon), Longdon (MH); mostly Tewkesbury.
    ]

    /// Street words: a town name followed by one names a road, not where the contact is
    /// ("Worcester Road, Malvern").
    static let streetWords: Set<String> = [
        "road", "rd", "street", "st", "lane", "avenue", "ave", "close", "drive", "way", "crescent", "terrace", "gardens", "row", "walk",
    ]

    /// Place names by district. Common-word names need a capital (`^Rock`). Longer names win
    /// ("Upton Warren" is Bromsgrove, plain "Upton" is Upton-upon-Severn).
    static let places: [(District?, [String])] = [
        (nil, ["worcestershire"]), // the county itself, which names no district
        (.worcesterCity, ["worcester", "city of worcester", "worcester city", "st johns", "barbourne", "warndon", "warndon villages",
                          "ronkswood", "battenhall", "lower wick", "dines green", "blackpole", "cherry orchard", "st peters",
                          "ronkswood", "tolladine", "rainbow hill", "northwick", "diglis", "the tything", "brickfields", "gorse hill",
                          "perdiswell", "worcester city council"]),
        (.redditch, ["redditch", "redditch borough", "matchborough", "winyates", "batchley", "headless cross", "^Church ^Hill", "webheath",
                     "astwood bank", "crabbs cross", "^Lodge ^Park", "woodrow", "greenlands", "abbeydale", "arrow valley", "riverside redditch",
                     "oakenshaw", "brockhill", "walkwood", "hunt end", "southcrest"]),
        (.bromsgrove, ["bromsgrove", "bromsgrove district", "rubery", "wythall", "alvechurch", "hagley", "catshill", "barnt green",
                       "belbroughton", "clent", "^Hollywood", "romsley", "stoke prior", "sidemoor", "aston fields", "marlbrook", "lickey end",
                       "^Lickey", "^Blackwell", "finstall", "hopwood", "cofton hackett", "^Fairfield", "dodford", "tardebigge", "hunnington",
                       "bournheath", "stoke heath", "upton warren", "charford", "burcot", "major's green", "drakes cross", "frankley"]),
        (.malvernHills, ["malvern", "great malvern", "malvern link", "malvern wells", "west malvern", "malvern hills", "malvern hills district",
                         "upton", "upton upon severn", "upton on severn", "tenbury", "tenbury wells", "welland", "hanley swan", "hanley castle",
                         "kempsey", "callow end", "powick", "martley", "leigh sinton", "lower broadheath", "broadheath", "clifton upon teme",
                         "barnards green", "pickersleigh", "abberley", "great witley", "^Ripple", "longdon", "castlemorton", "bransford",
                         "suckley", "alfrick", "guarlford", "madresfield", "stanford bridge", "^Hallow"]),
        (.wyreForest, ["kidderminster", "bewdley", "stourport", "stourport on severn", "wyre forest", "wyre forest district", "wolverley",
                       "cookley", "blakedown", "^Churchill", "far forest", "areley kings", "habberley", "franche", "foley park", "offmore",
                       "wribbenhall", "^Rock", "callow hill", "comberton", "spennells", "aggborough", "broadwaters"]),
        (.wychavon, ["droitwich", "droitwich spa", "evesham", "pershore", "broadway", "inkberrow", "ombersley", "fernhill heath", "hartlebury",
                     "badsey", "bretforton", "harvington", "honeybourne", "offenham", "south littleton", "north littleton", "eckington", "bredon",
                     "fladbury", "wyre piddle", "^Norton", "^Whittington", "feckenham", "hanbury", "chaddesley corbett", "bishampton",
                     "upton snodsbury", "elmley castle", "cropthorne", "wickhamford", "childswickham", "crowle", "tibberton", "salwarpe",
                     "cutnall green", "beckford", "ashton under hill", "defford", "wychavon", "wychavon district",
                     "north claines", "vale of evesham"]),
    ]
}

extension Lexicons {
    /// Place names as a lexicon (weight 1 per mention).
    static let places: Lexicon<District?> = {
        var e: [(String, District?, Double)] = []
        for (district, names) in DistrictTables.places {
            for name in names { e.append((name, district, 1)) }
        }
        return Lexicon(e)
    }()
}
