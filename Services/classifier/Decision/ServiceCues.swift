import SignpostEvents

/// The rule tables, compiled once per process.
enum Lexicons {
    /// Every word of every lexicon: the targets of one-edit typo correction.
    static let vocabulary: Vocabulary = {
        var words: [String] = []
        for c in kinds.cues { words += c.pattern.words }
        for c in safeguarding.cues { words += c.pattern.words }
        for c in services.cues { words += c.pattern.words }
        for c in specialCategories.cues { words += c.pattern.words }
        for c in places.cues { words += c.pattern.words }
        for c in topics.cues { words += c.pattern.words }
        // Common words one edit away from a lexicon word, kept as themselves.
        words += ["trains", "though", "through", "thought", "things", "brings", "pounds", "stones", "should", "months", "minutes",
                  "sister", "listen", "letter", "better", "bitter", "parked", "parker", "barking", "marking", "hoping", "moving"]
        return Vocabulary(words)
    }()

    /// Service cues from labels.md. `nil` labels are neutral: they consume words that would
    /// otherwise mislead ("NHS number" is not about the NHS, "county council" names no service).
    static let services: Lexicon<ResponsibleService?> = {
        var e: [(String, ResponsibleService?, Double)] = []
        func add(_ s: ResponsibleService?, _ weight: Double, _ patterns: [String]) {
            for p in patterns { e.append((p, s, weight)) }
        }
        add(nil, 0, ["nhs number", "national insurance", "county council", "worcestershire county council", "town hall", "direct debit",
                     "post office", "phone number", "bank account", "card details", "car park"])

        add(.highways, 2, ["pothole", "pot hole", "potholes", "street light", "streetlight", "street lamp", "street lights", "lamp post", "lamppost",
                           "gritting", "gritter", "gritted", "grit bin", "salt bin", "traffic light", "traffic lights", "traffic signal", "traffic signals",
                           "highways", "highway", "dropped kerb", "road surface", "resurfacing", "resurface", "roadworks", "road works", "public footpath",
                           "right of way", "rights of way", "bridleway", "blocked drain", "blocked gully", "road closure", "road closed", "sinkhole"])
        add(.highways, 1.5, ["kerb", "kerbs", "kerbstone", "pavement", "pavements", "footpath", "footway", "drain", "drains", "gully", "gullies",
                             "verge", "verges", "road sign", "signpost", "bollard", "zebra crossing", "pedestrian crossing", "speed bump", "speed hump",
                             "cycle lane", "cycle path", "manhole", "tarmac", "potholed", "overhanging", "overgrown hedge", "fallen tree", "flooded road",
                             "flooding on the road", "white lines", "road markings", "stile", "bridge", "salt", "icy road", "icy roads", "junction"])
        add(.highways, 0.7, ["road", "roads", "lane", "street", "flooding", "ice", "tree", "hedge"])

        add(.transport, 2.5, ["school bus", "bus pass", "blue badge", "school transport", "home to school transport", "concessionary pass", "concessionary travel",
                              "concessionary bus", "disabled parking badge", "travel pass", "park and ride", "dial a ride", "community transport",
                              "travel assistance", "bus timetable", "bus service", "bus services", "bus route", "bus stop", "bus shelter", "free travel"])
        add(.transport, 1, ["train station", "railway station", "bus station"])
        add(.transport, 1.5, ["bus", "buses", "bus driver", "timetable", "coach", "train", "trains", "railway", "station", "taxi"])
        add(.transport, 0.5, ["driver", "boarding", "fare"])
        add(.transport, 2.5, ["blue badge", "bus pass", "companion pass", "dial a ride", "school taxi", "home to school"])

        add(.wasteDisposal, 2.5, ["household recycling centre", "household waste recycling centre", "recycling centre", "household waste site",
                                  "hill and moor", "hrc", "tip", "the tip", "tip permit", "van permit", "trailer permit", "waste permit",
                                  "energy from waste", "envirecover", "recycling site"])
        add(.wasteDisposal, 1, ["permit", "permits", "rubble", "plasterboard", "asbestos", "hardcore", "skip", "booking slot", "disposal"])

        add(.districtCouncil, 2.5, ["council tax", "business rates", "housing benefit", "planning permission", "planning application", "environmental health",
                                    "fly tipping", "flytipping", "fly tipped", "flytipped", "abandoned trolley", "abandoned trolleys", "shopping trolley",
                                    "shopping trolleys", "wheelie bin", "bin collection", "bin collections", "bins", "bin", "missed bin", "recycling bin",
                                    "garden waste", "green waste", "bulky waste", "bulky item", "food waste", "dog fouling", "dog poo", "food hygiene",
                                    "pest control", "noise nuisance", "noisy neighbour", "noisy neighbours", "barking dog", "abandoned vehicle", "abandoned car",
                                    "electoral register", "electoral roll", "register to vote", "polling station", "homeless", "homelessness", "housing list",
                                    "housing register", "council house", "social housing", "district council", "borough council", "city council",
                                    "redditch borough", "wyre forest district", "bromsgrove district", "malvern hills district", "wychavon district",
                                    "disabled facilities grant", "leisure centre", "street cleaning", "parking fine", "parking ticket", "penalty charge"])
        add(.districtCouncil, 1.5, ["planning", "housing", "noise", "noisy", "litter", "graffiti", "rats", "mice", "licence", "licensing",
                                    "allotment", "allotments", "cemetery", "bonfire", "smoke", "recycling", "benefits", "rent", "landlord", "park",
                                    "parks", "playground", "trolley", "trolleys", "air quality", "collection", "collected", "parking", "planning appeal"])

        add(.libraries, 2.5, ["library", "libraries", "library card", "the hive", "mobile library", "ebook", "ebooks", "audiobook", "librarian"])
        add(.libraries, 1, ["books", "book club", "borrow", "borrowed", "overdue", "large print", "rhyme time", "reserve", "renew the"])

        add(.registration, 2.5, ["registrar", "registrars", "register office", "registration office", "register a birth", "register a death",
                                 "register the birth", "register the death", "register my", "registering", "birth certificate", "death certificate",
                                 "marriage certificate", "copy certificate", "civil partnership", "citizenship", "citizenship ceremony",
                                 "nationality checking", "notice of marriage", "wedding ceremony", "naming ceremony"])
        add(.registration, 1, ["wedding", "ceremony", "marriage", "certificate", "birth", "death"])

        add(.adultSocialCare, 2.5, ["adult social care", "social care", "care home", "nursing home", "care package", "care assessment",
                                    "needs assessment", "carers assessment", "home care", "respite", "day centre", "direct payment", "direct payments",
                                    "occupational therapist", "occupational therapy", "meals on wheels", "telecare", "careline", "pendant alarm",
                                    "lifeline", "financial assessment", "deprivation of liberty", "reablement", "care worker", "care workers",
                                    "domiciliary", "stairlift", "grab rails", "carers", "carer"])
        add(.adultSocialCare, 1, ["social worker", "elderly", "care", "frail", "washing and dressing", "help at home", "help with washing", "live in carer", "befriending", "older people"])

        add(.childrensServices, 2.5, ["childrens services", "childrens social care", "fostering", "foster", "foster carer", "adoption", "adopt",
                                      "early help", "family support", "family hub", "childrens centre", "care leaver", "looked after child",
                                      "special guardianship", "youth service", "youth club", "child protection"])
        add(.childrensServices, 1, ["social worker", "childcare", "child minder", "childminder"])

        add(.education, 2.5, ["school admissions", "school admission", "school place", "school places", "in year transfer", "=SEND",
                              "ehcp", "ehc plan", "education health and care plan", "support plan", "special educational needs", "sen",
                              "school appeal", "admission appeal", "free school meals", "home education", "elective home education",
                              "school attendance", "term dates", "inset day", "headteacher", "head teacher", "senco", "exclusion", "excluded"])
        add(.education, 1.5, ["school", "schools", "admissions", "admission", "teacher", "teachers", "nursery", "primary", "secondary",
                              "academy", "college", "pupil", "classroom", "appeal", "education", "year 7", "reception class"])

        add(.tradingStandards, 2.5, ["trading standards", "scam", "scams", "scammer", "scammed", "rogue trader", "rogue traders", "door to door",
                                     "doorstep", "doorstep seller", "cold caller", "cold callers", "cold calling", "counterfeit", "fake goods",
                                     "cowboy builder", "underage sales", "sold alcohol to", "sold cigarettes to", "sold vapes to", "weights and measures",
                                     "product safety", "unsafe product", "ripped off", "conned"])
        add(.tradingStandards, 1, ["fraud", "card details", "emptied", "refund", "faulty", "consumer", "vape", "vapes", "trader", "seller", "overcharged"])

        add(.publicHealth, 2.5, ["public health", "stop smoking", "quit smoking", "sexual health", "drug and alcohol", "substance misuse",
                                 "health visitor", "health visiting", "school nurse", "weight management", "healthy lifestyle", "outbreak"])
        add(.publicHealth, 2, ["condoms", "drinking", "alcohol", "drug use", "using drugs", "health check", "exercise scheme", "meningitis", "measles", "vaccinations"])
        add(.publicHealth, 1, ["smoking", "vaccination", "vaccine", "covid", "infection", "obesity", "healthy"])

        add(.informationGovernance, 2.5, ["data protection", "privacy notice", "data breach", "gdpr", "personal data", "dataprotection"])

        add(.nhs, 2.5, ["gp", "doctors surgery", "hospital", "a and e", "ambulance", "prescription", "dentist", "pharmacy", "district nurse",
                        "nhs", "111", "gp surgery", "medical appointment", "hospital appointment"])
        add(.nhs, 1, ["doctor", "nurse", "appointment", "clinic", "medication"])

        add(.police, 1.5, ["crime number", "crime reference", "racing", "motorbikes", "keyed", "slashed", "vandalised", "smashed", "break in"])
        add(.police, 2.5, ["police", "burglary", "burgled", "theft", "stolen", "assault", "assaulted", "drug dealing", "speeding", "drink driving",
                           "101", "999", "crime", "criminal", "break in", "broken into", "anti social behaviour", "antisocial behaviour", "police station"])

        add(.customerServices, 2, ["on hold", "on the phone", "the lady on the phone", "the man on the phone", "phoned you", "your website", "the chatbot", "log in", "password", "council account", "hearing loop", "contact me by"])
        add(.customerServices, 1, ["contact centre", "customer services", "customer service", "hub", "my account", "online account", "website",
                                   "phone line", "call back", "opening hours", "council offices"])
        return Lexicon(e)
    }()

    /// Special-category (Art. 9) cues. `nil` labels consume misleading words ("black bin").
    static let specialCategories: Lexicon<SpecialCategory?> = {
        var e: [(String, SpecialCategory?, Double)] = []
        func add(_ c: SpecialCategory?, _ patterns: [String]) { for p in patterns { e.append((p, c, 1)) } }
        add(nil, ["black bin", "black bag", "black bags", "white van", "white goods", "white lines", "black ice", "blind bend", "blind corner",
                  "deaf ear", "health and safety", "health visitor", "public health", "sexual health", "health check", "health checks", "nhs health check", "environmental health", "polish the", "in good health",
                  "chinese takeaway", "indian takeaway", "chinese restaurant", "indian restaurant", "nationality checking", "heritage site", "race night"])
        add(.health, ["health", "disability", "disabilities", "disabled", "diabetes", "diabetic", "wheelchair", "mental health", "dementia",
                      "alzheimers", "autism", "autistic", "asperger*", "adhd", "epilepsy", "epileptic", "cancer", "chemotherapy", "chemo",
                      "insulin", "injections", "medication", "medical condition", "health condition", "heart condition", "skin condition", "my condition",
                      "her condition", "his condition", "their condition",
                      "asthma", "copd", "stroke", "depression", "depressed", "anxiety", "bipolar", "schizophrenia", "ptsd",
                      "multiple sclerosis", "parkinsons", "arthritis", "cerebral palsy", "down syndrome", "downs syndrome", "learning disability",
                      "learning difficulties", "blind", "partially sighted", "visually impaired", "deaf", "hard of hearing", "hearing impaired",
                      "mobility", "mobility scooter", "crutches", "walking frame", "pregnant", "pregnancy", "terminally ill",
                      "illness", "ill", "had surgery", "after surgery", "an operation", "hospital", "self harm", "self harming", "self harmed",
                      "harming herself", "harming himself", "suicidal", "eating disorder", "addiction",
                      "hiv", "dialysis", "registered blind", "long covid", "special needs", "special educational needs", "additional needs",
                      "impairment", "disorder", "had a fall", "had ~2 falls", "hip operation", "broken hip", "stroke", "motor neurone", "parkinson*",
                      "hard of hearing", "hearing aid", "memory problems", "learning difficulty", "leg ulcer", "diagnosed", "sticks", "walking stick"])
        add(.ethnicity, ["ethnic*", "race", "racial", "racist", "racism", "racially", "black british", "black african", "black caribbean",
                         "white british", "white irish", "white other", "mixed race", "mixed heritage", "asian", "british asian", "bame",
                         "gypsy", "traveller", "travellers", "roma", "irish traveller", "pakistani", "bangladeshi", "indian", "chinese",
                         "african", "caribbean", "afro caribbean", "^Polish", "^Romanian", "arab", "somali", "kurdish", "person of colour",
                         "people of colour", "skin colour", "nationality", "ethnicity"])
        add(.religion, ["muslim", "christian", "jewish", "sikh", "hindu", "buddhist", "religion", "religious", "my faith", "our faith", "islamic",
                        "catholic", "hijab", "turban"])
        add(.sexualOrientation, ["gay", "lesbian", "bisexual", "sexual orientation", "sexuality", "homophobic", "same sex", "lgbt", "lgbtq", "queer"])
        return Lexicon(e)
    }()
}
