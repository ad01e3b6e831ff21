import SignpostEvents

/// What a kind cue is evidence for.
enum KindCue: Sendable, Hashable {
    case kind(EnquiryKind)
    /// Consumes words so that a shorter, misleading cue inside them does not fire
    /// ("thank you for your help" is politeness, "kind regards" is a sign-off).
    case neutral
}

/// What a safeguarding cue says.
enum SafeguardingCue: Sendable, Hashable {
    /// A sign of risk; weight >= 1 is enough on its own, a weaker one needs a person at risk.
    case risk
    /// Risk worded about a particular person ("worried about my neighbour").
    case riskAboutPerson
    /// A child is involved (children's services).
    case child
    /// A son or daughter: a child unless an elderly person is the subject.
    case sonOrDaughter
    /// An adult who may be at risk (neighbour, disabled, …).
    case adult
    /// An elderly person (also an adult who may be at risk).
    case elderly
    /// "N year old": a child, adult or elderly person depending on N (decided in code).
    case age
    /// A sign of risk to a child only ("kicked him out", "buys her vapes"): counted when a child is
    /// involved, ignored otherwise (an adult son thrown out is a housing matter).
    case childRisk
    /// The writer says the person is all right ("she's fine in herself", "he's well looked after", "not
    /// in any danger"): weak signs beside it do not make a concern; a strong cue still does.
    case reassurance
}

/// Topic cues that settle conflicts between rules.
enum TopicCue: Sendable, Hashable {
    /// Environmental information (EIR rather than FOI when both are named).
    case environmental
    /// Statistics or records about many people: an FOI/EIR request, not a concern about one person.
    case statistics
    /// The requester's own data: a subject access request, not FOI (FOIA s.40(1)).
    case ownData
    /// A question about the process of a legal request, not the request itself.
    case processQuestion
    /// The writer's own time in care ("I was in care from 1994 to 2001", "care leaver"): beside a request for
    /// records, a subject access request, not a concern (rules 1.11.0).
    case ownCareHistory
}

extension Lexicons {
    private static let requestVerbs = [
        "fix", "repair", "send", "book", "help", "arrange", "come", "collect", "remove", "clear", "sort", "replace",
        "check", "visit", "inspect", "empty", "cut", "trim", "grit", "clean", "deliver", "cancel", "change",
        "update", "renew", "refund", "investigate", "look", "deal", "get", "put", "provide", "issue", "register",
        "contact", "ring", "call", "email", "post", "organise", "order", "install", "mend", "unblock", "resurface",
        "reserve", "assess", "fit", "pick", "correct", "amend", "cut back", "chase", "stop", "move", "refer", "transfer", "swap", "add",
    ]
    private static let askers = ["could", "can", "would", "will", "please", "need someone to", "want someone to"]

    /// Kind cues: the legal-request names, complaint, compliment, service request and general enquiry.
    /// Weights are relative evidence; the decision compares sums per kind.
    static let kinds: Lexicon<KindCue> = {
        var e: [(String, KindCue, Double)] = []
        func add(_ kind: EnquiryKind, _ weight: Double, _ patterns: [String]) {
            for p in patterns { e.append((p, .kind(kind), weight)) }
        }
        func neutral(_ patterns: [String]) { for p in patterns { e.append((p, .neutral, 0)) } }

        // Requests named by law.
        add(.foiRequest, 3, ["freedom of information", "freedom of info", "foi", "foia", "foi request", "foi act", "freedom of information act"])
        add(.eirRequest, 3, ["environmental information regulations", "environmental information regulation", "eir", "eirs", "environmental information request", "environmental information regs"])
        add(.dataRightsRequest, 3, ["subject access", "=SAR", "=DSAR", "dsar", "subject access request", "right of access", "right to access my", "right to erasure", "right to be forgotten", "right to rectification", "data protection request", "gdpr request", "subject rights request", "right to object", "right to restrict", "restrict processing", "restriction of processing", "object to processing", "object to the processing", "stop processing"])
        add(.dataRightsRequest, 2, ["hold on me", "hold about me", "have on me", "have about me", "held on me", "held about me", "my personal data", "my personal information", "copy of my data", "copy of my records", "copy of my file", "copies of my records", "delete my data", "delete my personal", "delete my information", "delete my details", "erase my", "erasure of my", "correct my records", "rectify my", "rectify the", "my data", "my file", "records about me", "information about me", "data about me", "recordings of my calls", "recording of my call",
                                         "wrote about me", "written about me", "using my information", "use my information"])
        add(.dataRightsRequest, 1, ["your records", "my information"])
        // Rights worded as what the resident wants done (rules 1.5.0): an objection, an erasure, in the first or third person.
        add(.dataRightsRequest, 2, ["i object to you", "object to you using", "object to the council using", "stop using my", "stop using our",
                                    "erasure request", "recordings of her calls", "recordings of his calls", "recording of her call",
                                    "recording of his call", "delete the recordings", "deleted from your records", "remove my details"])
        add(.dataRightsRequest, 0.8, ["under gdpr", "uk gdpr", "under the data protection act", "data protection act"])

        // Complaint.
        add(.complaint, 2, ["complaint", "formal complaint", "complain", "complaining", "complained", "make a complaint", "not happy", "not very happy", "not at all happy", "disgraceful", "disgrace", "appalling", "unacceptable", "not acceptable", "not good enough", "poor service", "taken twice", "charged twice", "debited twice", "billed twice", "paid twice", "ombudsman"])
        add(.complaint, 1.5, ["unhappy", "shocking", "useless", "ridiculous", "rude", "fed up", "sick of", "sick and tired", "disappointed", "disappointing", "still waiting", "nothing has been done", "nothing done", "never turned up", "never came", "no one came", "nobody came", "didnt turn up", "did not turn up", "outrageous", "furious", "angry", "incompetent", "stopped from", "wouldnt let me", "would not let me", "refused to", "was refused", "been refused", "turned away", "not helpful", "unhelpful", "not very helpful", "no response", "no reply", "no answer", "ignored", "let down", "want an apology", "compensation", "escalate", "wrongly", "been charged", "overcharged", "missed again", "keep missing", "keeps missing", "third time", "fourth time", "several times", "numerous times", "countless times", "months ago", "weeks ago", "rubbish service", "terrible service", "awful service", "dreadful", "terrible", "awful", "hopeless", "pathetic", "upset", "inconvenience"])
        add(.complaint, 1, ["refused", "still not", "still hasnt", "still havent", "still no", "no one has", "nobody has", "not been", "hasnt been", "havent been", "incorrectly", "invalid", "mistake", "error", "denied", "waste of"])
        add(.complaint, 0.5, ["again"])
        // Dissatisfaction with how a service was handled (labels.md: "a complaint is dissatisfaction with a
        // service or its handling"): a report or request that went nowhere, no reply, staff conduct, an
        // unfair or unexplained decision, a charge for something not owed, the same failure in a row.
        add(.complaint, 1.5, ["i reported", "ive reported", "i have reported", "we reported", "weve reported", "we have reported", "already reported",
                              "reported it", "reported this", "reported them", "reported ~2 times", "havent replied", "hasnt replied", "have not replied",
                              "not replied", "never replied", "nobody replied", "no one replied", "never heard back", "never heard anything",
                              "not heard back", "not heard anything", "never called back", "never rang back", "never called me back", "not called back", "never got back",
                              "nobody called", "no one called", "nobody rang", "havent answered", "hasnt answered", "not answered", "never answered",
                              "wont do anything", "will not do anything", "wont act", "done nothing", "did nothing", "doing nothing", "nobody seems to care",
                              "no one seems to care", "doesnt care", "dont care", "unfair", "not fair", "a joke", "shambles", "mess of", "humiliated",
                              "humiliating", "embarrassed", "offensive", "discriminated", "discrimination", "in a row", "weeks running", "week running",
                              "without warning", "without any warning", "without notice", "without any notice", "without consulting", "without asking",
                              "without telling", "nobody consulted", "no one consulted", "never borrowed", "kept waiting", "keep being", "keeps being",
                              "every time i", "second time", "sent me away", "sent away", "you lost", "they lost", "lost my application", "lost the forms",
                              "disciplined", "taken seriously", "an apology", "acknowledge", "fobbed off", "passed between", "passed from", "messed up",
                              "yet again", "once again", "no decision", "nobody can tell me", "no one can tell me", "nobody can explain", "no one can explain",
                              "supposed to", "meant to", "were promised", "was promised", "been promised", "told it would", "not listening", "wont listen",
                              "shouted at me", "told me to", "late every", "cut off", "cancelled our", "cancelled my", "wasted", "disgusted",
                              "should have been", "should not have", "shouldnt have", "still have no", "still no", "hasnt worked", "havent worked",
                              "cant believe", "unprofessional", "not professional", "not impressed", "far from", "lied", "no apology", "blamed",
                              "why has", "why have", "why was", "why were", "why did", "want to know why", "how am i supposed", "how are we supposed"])
        // Dissatisfaction worded without the word: a cost or fault put on the resident, a delay counted out,
        // contact that went nowhere, a failure that keeps coming back, staff who mocked or would not listen.
        add(.complaint, 1.5, ["not my fault", "wasnt my fault", "not our fault", "wasnt our fault", "through no fault", "no fault of",
                              "would not have happened", "wouldnt have happened", "worse than before", "even worse", "nothing happens",
                              "nothing ever happens", "nothing ever gets done", "still nothing", "heard absolutely nothing", "nobody seems bothered",
                              "no one seems bothered", "nobody cares", "no one cares", "nobody bothered", "nobody thought", "no one thought",
                              "nobody told", "no one told", "never told", "didnt tell us", "didnt tell me", "nobody would listen", "wouldnt listen",
                              "would not listen", "wouldnt let us", "would not let us", "wont let us", "cant do anything", "said they cant",
                              "made to pay", "have to pay again", "pay for another", "weeks late", "months late", "days late", "week late",
                              "weeks running", "mornings running", "took ~2 days to", "took ~2 weeks to", "took ~2 months to", "each time",
                              "every single time", "rung ~2 times", "rang ~2 times", "phoned ~2 times", "called ~2 times", "emailed ~2 times",
                              "written ~2 times", "chased ~2 times", "been asking for", "keep asking", "kept asking", "hung up on", "mocked",
                              "laughed at", "made fun of", "treated like", "like a criminal", "like a suspect", "want something done",
                              "were refused", "didnt lift a finger", "not the help", "what is the point", "whats the point", "not true",
                              "i pay for", "we pay for", "paying for a service"])
        add(.complaint, 0.8, ["the wrong"])
        add(.complaint, 0.8, ["heard nothing", "was told", "were told", "been told", "promised", "twice", "for months", "for weeks"])
        add(.serviceRequest, 0.6, ["please"])

        // Compliment.
        add(.compliment, 2, ["compliment", "compliments", "praise", "to thank", "thank the", "say thank you", "say thanks", "a joy", "made ~ a joy", "above and beyond", "pass on my thanks", "pass on our thanks", "pass my thanks", "big thank you", "huge thank you", "huge thanks", "massive thanks", "well done", "credit to", "a credit", "thank you to", "thanks to", "please tell ~2 manager", "let ~2 manager know"])
        add(.compliment, 1.2, ["thank you for", "thank you so much", "thanks so much", "thank you very much", "brilliant", "fantastic", "excellent", "wonderful", "amazing", "superb", "outstanding", "so helpful", "very helpful", "really helpful", "extremely helpful", "impressed", "delighted", "lovely", "so kind", "very kind", "grateful", "appreciated", "really appreciate", "happy with", "pleased with", "great job", "great service", "good job", "star"])
        add(.compliment, 0.5, ["thank you", "thanks", "helpful", "cheers", "friendly", "quick", "quickly", "prompt", "promptly"])
        // Praise for a person or a team: what they did and how it felt.
        add(.compliment, 1.5, ["really kind", "so patient", "very patient", "really patient", "cant thank", "can not thank", "cannot thank", "went out of ~2 way",
                               "out of her way", "out of his way", "out of their way", "thank them", "thank her", "thank him", "thank everyone", "thank you all",
                               "thanks to everyone", "thank all", "always cheerful", "cheerful", "kindness", "made a difference", "made such a difference",
                               "such a difference", "top job", "great effort", "great work", "brilliant work", "excellent service", "a rock", "a gem", "gem",
                               "a star", "an asset", "first class", "spot on", "could not have been", "couldnt have been", "nothing was too much",
                               "a lifeline", "so grateful", "very grateful", "really grateful", "so thankful", "very thankful", "sorted it", "sorted everything",
                               "incredible", "fab", "marvellous", "kind and", "patient and", "caring", "compassionate", "professional and", "reassuring",
                               "deserve", "deserves", "recognition", "shout out", "praise for", "thanks again", "well deserved",
                               "so gentle", "very gentle", "really gentle", "meant a lot", "means a lot", "meant the world", "highlight of", "never judged",
                               "calmed me down", "put my mind at rest", "back on track", "back on ~1 feet", "treated ~3 with ~1 respect", "real respect",
                               "made ~2 easier", "made my day", "made our day", "respectful", "understanding and", "listened to us", "actually listened"])
        // Acknowledgements in a conversation (rules 1.5.0): "okay, thank you", "that's helpful", "lovely, thanks, bye" close a
        // call or a chat whatever it was about; they are not praise.
        neutral(["ok thank you", "okay thank you", "ok thanks", "okay thanks", "right thank you", "oh thank you", "thank you bye",
                 "thanks bye", "thats helpful", "thats really helpful", "thats very helpful", "thats lovely", "lovely thank you",
                 "lovely thanks", "thats great thanks", "thats great thank you", "great thanks", "thats all thank you", "thats all thanks",
                 "no thats all", "oh good", "oh thats good", "thank you ever so much", "thanks ever so much", "thank you very much bye"])
        neutral(["kind regards", "many thanks", "thanks in advance", "thank you in advance", "thank you for your help", "thank you for your time", "thanks for your help", "thank you for reading", "grateful if", "appreciate it if", "appreciate if", "i would appreciate", "id appreciate", "no thanks", "thank you for any help", "thanks for any help", "in kind", "what kind", "any kind", "kind of"])
        add(.serviceRequest, 0.8, ["would be grateful if", "be grateful if", "appreciate it if"])

        // Service request: asks the council (or a partner) to do something, or reports a problem to fix.
        for asker in askers {
            for verb in requestVerbs { e.append(("\(asker) ~3 \(verb)", .kind(.serviceRequest), 1.2)) }
        }
        // Dissatisfaction spread over a clause: nobody (of the council) replied or came, a failure counted
        // out ("four times"), a wait counted out ("waiting since March"), a decision the resident contests.
        var spread: [String] = []
        for who in ["nobody", "no one", "noone", "no body"] {
            for what in ["replied", "replies", "responded", "called back", "called me back", "rang back", "rang me back", "returns",
                         "returned", "answered", "answers", "got back", "gets back", "came", "turned up", "has been", "bothered",
                         "listened", "helped"] {
                spread.append("\(who) ~3 \(what)")
            }
        }
        for n in ["three", "four", "five", "six", "seven", "eight", "ten", "3", "4", "5", "6", "7", "8", "10"] { spread.append("\(n) times") }
        spread += ["been waiting", "waiting ~2 weeks", "waiting ~2 months", "waiting since", "want to appeal", "wish to appeal", "appeal against",
                   "challenge the decision", "got ~3 wrong", "spelled ~3 wrong", "spelt ~3 wrong"]
        add(.complaint, 1, spread)
        // Dissatisfaction implied by the facts (third round): being passed from one person or place to the next,
        // damage or mess left by the council's own people, a promise not kept, a cost or a wasted day put on
        // the resident, a wait counted from a date, a failure that keeps coming back.
        var implied = ["pillar to post", "round in circles", "back and forth", "passed ~2 around", "passed ~2 round",
                       "passed ~3 from one", "put through to ~6 who", "different answer", "different answers", "different story",
                       "different person every", "explain ~4 again", "start all over", "nothing to do with them",
                       "not their department", "someone elses job", "blame each other", "blaming each other", "every department",
                       "your men", "your staff", "your workers", "your contractors", "your contractor", "your driver", "your crew",
                       "your engineers", "your officers", "smashed my", "smashed our", "broke my", "broke our", "cracked my",
                       "cracked our", "damaged my", "damaged our", "scratched my", "ruined my", "ruined our", "left a mess",
                       "left ~2 mess", "tarmacked over", "said they would", "said someone would", "said it would", "said he would",
                       "said she would", "told ~2 someone would", "assured", "guaranteed", "had to pay", "out of pocket",
                       "took the day off", "time off work", "own savings", "own money", "overdrawn", "for nothing",
                       "keeps happening", "keep happening", "again and again", "time after time", "out of the last",
                       "since before", "back in the summer", "back in the spring"]
        for month in ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
                      "december", "christmas", "easter", "the summer", "the spring", "last year", "last month"] {
            implied.append("since \(month)")
        }
        add(.complaint, 1, implied)
        // Staff conduct worded as what they did; praise worded as what the resident could not have done alone.
        add(.complaint, 1.5, ["put the phone down", "slammed the phone", "short with me", "snapped at me", "talked down to",
                              "spoke to me like", "rolled ~2 eyes"])
        add(.compliment, 1.5, ["wouldnt have managed without", "couldnt have managed without", "would not have managed without",
                               "could not have managed without", "didnt expect", "did not expect", "never expected", "so quickly",
                               "really quickly", "sat with me", "took the time"])
        // Questions about what exists or what it costs; a service to start again or close is a request.
        add(.generalEnquiry, 1.5, ["what support is there", "what help is there", "is there a charge", "how long can", "by law"])
        add(.serviceRequest, 1.5, ["started again", "can you close", "please close", "close my account"])
        add(.serviceRequest, 2, ["needs help", "need help", "needs support", "need support"])
        add(.serviceRequest, 1.5, ["want to apply", "would like to apply", "like to apply", "apply for", "applying for", "how do i apply", "want to book", "like to book", "to book a", "want to report", "like to report", "to report", "reporting", "requesting", "request a", "request for", "how to book", "book an appointment", "caller wants", "wants to", "needs fixing", "needs repairing", "needs sorting", "needs clearing", "needs emptying", "needs cutting", "needs replacing", "need fixing", "need a new", "need a replacement", "send me", "send out", "please send", "asap", "urgently", "as soon as possible",
                                 "need to book", "need to register", "need to cancel", "need to change", "need to renew", "need to report", "can you send",
                                 "please stop", "please cancel", "please take", "please remove", "please change", "please put", "please add", "can i have", "can we have",
                                 "chase it", "chase this", "chase up", "send someone", "come out", "take a look", "have a look"])
        add(.serviceRequest, 1, ["i need", "we need", "i want", "we want", "id like", "i would like", "we would like", "help with", "help me", "help us", "renew", "renewal", "replacement", "not working", "isnt working", "stopped working", "flickering", "getting worse", "reports", "reported", "caller reports", "broken", "damaged", "blocked", "flooded", "flooding", "overflowing", "leaking", "collapsed", "knocked", "loose", "dangerous", "hazard", "fallen", "dumped", "not emptied", "wasnt emptied", "not collected", "wasnt collected", "hasnt been collected", "missed", "scam", "scammed", "conned", "took ~3 card details", "emptied ~2 account", "stuck"])

        // General enquiry: a question about services.
        add(.generalEnquiry, 2, ["just a question", "quick question", "only a question", "just a query", "just an enquiry", "just wondering", "just wanted to ask", "just wanted to know", "just want to know", "just asking", "general enquiry", "general question"])
        add(.generalEnquiry, 1.5, ["do you know", "does anyone know", "does anybody know", "what time", "what times", "opening times", "opening hours", "is ~6 open", "are ~6 open", "who deals with", "who is responsible", "whos responsible", "who should i", "who can i", "asked whether", "asked if", "asking whether", "asking if", "enquired whether", "enquired about", "i was wondering", "wondering if", "wondering whether", "can you tell me", "could you tell me", "tell me how", "tell me if", "tell me when", "tell me where", "any idea", "am i eligible", "am i entitled", "is it possible", "do i need", "do i have to", "how much does", "how much is", "how long does", "when does", "when do", "when is", "when are", "where is", "where can i", "where do i", "how do i", "how can i", "what do i", "what are the", "are there any", "does the council"])
        add(.generalEnquiry, 1.2, ["who do i", "who do we"])
        // Asking whom to tell is asking for information (rules 1.6.0; the outside writers label it so 20 times to 1).
        add(.generalEnquiry, 2, ["who do i report", "who do we report", "who should i report", "who do i tell", "who do we tell",
                                 "who do i contact", "who do we contact", "who should i contact"])
        // Asking what the rules are, what is allowed, how something works or what it costs: information only.
        add(.generalEnquiry, 1.5, ["is it legal", "is it allowed", "am i allowed", "are we allowed", "do i have any rights",
                                   "what are my rights", "what rights", "how does", "how do ~2 work", "what happens if", "what happens when",
                                   "what happens next", "is there any help", "is there help", "is there anywhere", "is there anything",
                                   "what is a", "whats a", "what is the difference", "whats the difference", "how many", "how early", "how old",
                                   "how often", "what counts", "do you have to", "does it cost", "is it free", "do you take", "does ~4 take",
                                   "whose job", "councils job", "who looks after", "who decides", "how is ~3 decided", "is it worth",
                                   "curious", "out of interest"])
        // Asking when something will happen is a request for information, even after a wait.
        add(.generalEnquiry, 2, ["want to know when", "like to know when", "when we will find out", "when will we find out", "when i will find out", "when will i find out", "when will i hear", "when will we hear"])
        add(.generalEnquiry, 1, ["whether", "wondering", "enquiry", "query", "question", "information about", "information on", "details of", "find out", "know if", "know whether", "do you", "can i", "what is the", "is there a"])
        add(.generalEnquiry, 1.5, ["want to know", "like to know", "need to know", "wants to know", "asked how", "asked what", "asked when", "asked where", "asked who"])
        return Lexicon(e, detectsNegation: true)
    }()

    static let childWords = [
        "child", "children", "kid", "kids", "baby", "babies", "toddler", "infant", "newborn", "teenager", "teen", "boy", "girl",
        "pupil", "young person", "young people", "little one", "little ones", "little brother", "little sister", "baby brother", "baby sister", "young lad",
        "little lad", "kiddies", "schoolkids", "year 6", "year 9", "primary school", "schoolboy", "schoolgirl", "under age", "underage", "foster child",
    ]
    /// Relatives of a younger generation (rules 1.5.0: grandchildren, nephews and nieces joined sons and daughters):
    /// a child unless an elderly person is the subject ("her grandson takes her pension" is about the grandmother).
    static let youngerRelatives = [
        "son", "daughter", "sons", "daughters", "grandson", "granddaughter", "grandsons", "granddaughters", "grandchild", "grandchildren",
        "stepson", "stepdaughter", "nephew", "niece",
    ]
    static let elderlyWords = [
        "elderly", "old lady", "old man", "old woman", "old gentleman", "old couple", "old people", "pensioner", "pensioners", "nineties",
        "eighties", "90s", "80s", "nan", "nana", "gran", "granny", "grandma", "grandmother", "grandad", "grandpa", "grandfather", "dementia",
        "alzheimers", "frail", "care home", "nursing home", "my pension", "her pension", "his pension",
        // Rules 1.5.0: age worded without "year old" (numbers are read in code).
        "older woman", "older man", "older lady", "older gentleman", "older person", "older couple", "older people", "seventies", "70s",
    ]
    private static let adultWords = [
        "neighbour", "neighbor", "lady", "gentleman", "man next door", "woman next door", "mum", "mother", "dad", "father",
        "aunt", "uncle", "husband", "wife", "partner",
        "brother", "sister", "friend", "tenant", "resident", "vulnerable adult", "disabled", "learning disability",
        "carer", "patient", "he", "she", "him", "her", "they", "them",
    ]

    /// Safeguarding cues (never negated: a missed concern is the worst error, so recall wins).
    static let safeguarding: Lexicon<SafeguardingCue> = {
        var e: [(String, SafeguardingCue, Double)] = []
        func risk(_ weight: Double, _ patterns: [String]) { for p in patterns { e.append((p, .risk, weight)) } }
        risk(1.2, [
            "abuse", "abused", "abusing", "sexual abuse", "physical abuse", "emotional abuse", "financial abuse", "domestic abuse", "domestic violence",
            "neglect*", "self harm", "self harming", "harming herself", "harming himself", "harming themselves", "cutting herself", "cutting himself",
            "suicidal", "suicide", "kill herself", "kill himself", "kill myself", "end her life", "end his life", "end my life", "end it all",
            "safeguarding", "welfare check", "child protection", "exploited", "exploitation", "grooming", "groomed",
            "county lines", "cuckooing", "trafficked", "trafficking", "modern slavery", "forced marriage", "fgm", "beaten", "beats her", "beats him",
            "beating her", "beating him", "hits her", "hits him", "hit her", "hit him", "hitting her", "hitting him", "hitting them", "hitting me",
            "hitting the kids", "hitting the children", "hitting the baby", "hits the kids", "hits the children", "being hit", "been hit", "getting hit",
            "hurting her", "hurting him", "hurting them", "hurting the kids", "hurt the baby", "smacking", "slapping", "slapped", "punched", "kicked her", "kicked him",
            "locked in", "left alone", "home alone", "left on ~2 own", "left outside", "locked outside", "shut outside", "left in the car",
            "left in the cold",
            "havent seen ~3 for ~3 days", "havent seen ~3 for ~3 weeks", "not seen ~3 for ~3 days", "not seen ~3 for ~3 weeks", "havent seen ~3 since",
            "hasnt been seen", "no one has seen", "nobody has seen", "not been seen", "gone missing", "missing from home", "run away from home", "ran away from home",
            "dont feel safe", "doesnt feel safe", "not feel safe", "feel unsafe", "feels unsafe", "scared to go home", "frightened to go home",
            "no food in", "has no food", "had no food", "nothing to eat", "not been fed", "not fed", "starving", "touched ~2 inappropriately", "inappropriate photos",
            "giving her drugs", "giving him drugs", "gives her drugs", "gives him drugs", "older boyfriend", "older man", "sexting",
            "taking her money", "taking his money", "taking advantage of", "pressure sores", "bed sores", "at risk of harm", "in danger from",
            "disclosed", "has disclosed", "made a disclosure", "black eye", "marks on ~2 arms", "marks on ~2 neck", "marks on ~2 back", "marks on ~2 face",
            "burn on ~2 hand", "burns on", "shaking the baby", "shaking the pram", "shook the baby", "getting hurt", "being hurt", "hurts her", "hurts him",
            "hits them", "throws things at", "locks ~2 out", "locked ~2 out", "not allowed home", "not allowed out", "never allowed out",
            "wont let ~2 see", "wont let anyone see", "controls ~3 money", "taken ~2 bank card", "sign over", "takes my pension", "takes her pension", "takes his pension",
            "forced to", "made to work", "for no money", "used to sell drugs", "selling drugs for", "into cars with", "gifts from",
            "not collected ~2 post", "no answer at the door", "not answering the door", "not answering ~2 door", "nobody has seen", "not been out",
            "found wandering", "lying there for hours", "left without care", "scared of my", "scared of her", "scared of him", "frightened of my",
            "not safe with", "dont think ~3 safe", "dont feel safe", "isnt safe", "not being fed", "no food at home", "hungry every", "filthy and hungry",
            "strangers in", "letting strangers", "ending it all", "talking about ending", "want to die", "wants to die",
            "taking money", "taking ~2 money from", "takes her money", "takes his money", "took her money", "took his money",
            "taking ~2 bank card", "takes ~2 bank card", "never sees the money",
            "money ~3 missing", "cash ~3 missing", "stealing from her", "stealing from him", "taken advantage of",
            "being taken advantage", "withdraw cash for", "moved into his flat", "moved into her flat", "using his flat", "using her flat", "taken over his",
            "taken over her", "sitting in the dark", "nobody watching", "no one watching", "unsupervised", "just a nappy", "asking for food",
            "parents ~3 drunk", "bandage on", "wont say what happened", "wouldnt say what happened",
            "taking her pension", "taking his pension", "without food", "left without food", "dirty clothes", "looks hungry", "always hungry", "split lip", "cant go home", "wont go home",
            "will kill her", "will kill him", "kill her", "kill him", "making her give", "making him give", "made her give", "made him give",
            "wont let ~3 visit", "flinches",
            // Disclosures in a child's or a witness's own words.
            "coming into my room", "comes into my room", "came into my room", "into my room at night", "into her room at night",
            "into his room at night", "touches me", "touching me", "touched me", "touches her", "touching her", "touched her",
            "touches him", "touching him", "touched him", "nobody comes looking", "no one comes looking", "nobody looking after",
            "no one looking after", "nobody looks after", "no one looks after",
            // Violence told in the first person (rules 1.5.0): a child or adult saying someone hurts them. Every
            // verb of hurting, in the forms a disclosure uses, with "me" or "us" after it.
            "hit me", "hits me", "hurt me", "hurts me", "hurting me", "kicked me", "kicks me", "kicking me", "punched me", "punches me",
            "slapped me", "slaps me", "smacked me", "smacks me", "beat me", "beats me", "beating me", "beat me up", "beats me up",
            "pushed me", "pushes me", "shoved me", "grabbed me", "grabs me", "choked me", "chokes me", "strangled me", "burnt me", "burned me",
            "threw ~2 at me", "throws ~2 at me", "hit us", "hits us", "hurts us", "beats us",
            "dont want to go home", "dont want to go back home", "scared to go back", "frightened to go back", "afraid to go home",
            "put in care", "taken into care", "get taken away", "be taken away", "dont tell anyone", "not to tell anyone", "if i tell",
        ])
        risk(0.8, ["man in his", "men in their", "much older", "rough with", "couldnt get up", "could not get up", "cant get up",
                   "unable to get up", "has a temper"])
        risk(0.6, ["at all hours", "no coat", "no shoes", "not been home", "hasnt been home"])
        // Risk denied outright (rules 1.5.0): "nobody is in danger", "no one's been hurt", "not saying the kids are at risk" are
        // consumed, so the words inside them ("in danger", "at risk", "hurt") do not count. Only a denial of the whole risk.
        // Since rules 1.10.0 a denial is also a reassurance (below): weak signs beside it are set aside too.
        func reassurance(_ patterns: [String]) { for p in patterns { e.append((p, .reassurance, 0)) } }
        reassurance(["nobody is in danger", "no one is in danger", "noone is in danger", "nobody in danger", "no one in danger",
                     "nobodys in danger", "no ones in danger", "not in any danger", "nobody has been hurt", "no one has been hurt",
                     "nobodys been hurt", "no ones been hurt", "nobody was hurt", "no one was hurt", "nobody got hurt", "no one got hurt",
                     "not saying ~3 at risk", "not saying ~3 in danger", "not at risk", "isnt at risk", "arent at risk", "not a safeguarding"])
        // Rules 1.10.0: the writer says the person is all right, in the words neighbours and relatives use when the
        // worry is about a bin, a noise or a form ("she's fine in herself, it's just the bin", "he's very well looked
        // after", "nobody's concerned about her welfare"). Weak signs beside it are set aside; a strong cue still makes
        // a concern (`SafeguardingFacts.isConcern`). Only third persons: "not worried about myself" may precede a worry.
        // (From cross-validation's false concerns: none of these words is in a concern of the training split.)
        reassurance(["fine in herself", "fine in himself", "fine in themselves", "well in herself", "well in himself",
                     "well looked after", "not worried about her", "not worried about him", "not worried about them",
                     "not worried about the kids", "not worried about the children", "not worried about his welfare",
                     "not worried about her welfare", "not worried about their welfare", "not worried about her safety",
                     "not worried about his safety", "not concerned about her", "not concerned about him", "not concerned about them",
                     "not concerned for her", "not concerned for him", "no concerns about her", "no concerns about him",
                     "no concerns about them", "no welfare concerns", "not a welfare", "nobodys concerned about",
                     "nobody is concerned about", "no one is concerned about", "no ones concerned about", "nobodys worried about",
                     "nobody is worried about", "no one is worried about", "no ones worried about", "shes perfectly fine",
                     "hes perfectly fine", "shes absolutely fine", "hes absolutely fine", "theyre both fine", "theyre perfectly fine",
                     "theyre absolutely fine", "both absolutely fine", "not any safeguarding"])
        // Abuse shouted at someone in the street is a hate incident (police), not a person at risk: consumed here, weight 0.
        risk(0, ["racist abuse", "homophobic abuse", "transphobic abuse", "racial abuse", "verbal abuse", "shout abuse", "shouting abuse", "shouted abuse",
                 "shouts abuse", "hurled abuse", "shout homophobic abuse", "shout racist abuse", "shouting racist abuse", "shouting homophobic abuse"])
        risk(0.8, ["terrified", "at risk", "in danger", "bruises", "bruising", "abusive", "scared of", "frightened of", "afraid of", "vulnerable"])
        risk(0.6, [
            "not eating", "hasnt eaten", "not washing", "wandering", "welfare", "injuries", "soiled", "not coping", "cant cope", "cannot cope",
            "post ~3 piling up", "curtains ~3 closed", "milk ~3 on the doorstep", "no one to look after", "nobody to look after",
        ])
        risk(0.8, ["screaming and banging", "screamed at", "hit by", "being hit", "left standing", "with no heating",
                   "no heating or water", "older men", "older man", "older boyfriend", "half her age", "looks scared", "seems frightened", "frightened"])
        // Alone is a risk only beside another sign (rules 1.5.0: "can't travel on his own", "walking on her own again" are
        // about what a person can do, and were the commonest false alarm); "left on his own" is a strong cue above.
        risk(0.4, ["on their own", "on his own", "on her own"])
        risk(1.2, ["leave ~3 on their own", "leaves ~3 on their own", "leaving ~3 on their own", "leave ~3 on his own", "leaves ~3 on his own",
                   "leaving ~3 on his own", "leave ~3 on her own", "leaves ~3 on her own", "leaving ~3 on her own", "at home on their own",
                   "at home on his own", "at home on her own", "in the house on their own", "in the house on his own", "in the house on her own"])
        // Criminal exploitation of a child in a witness's words (rules 1.5.0): older youths, gifts and debts, being made to
        // carry or deliver, threats to hurt someone close.
        risk(0.8, ["older lads", "older boys", "older kids", "older teenagers", "owes them", "owe them", "in debt to",
                   "make him ~2 take", "make her ~2 take", "makes him ~2 take", "makes her ~2 take", "made him ~2 take", "made her ~2 take",
                   "make him ~2 carry", "make her ~2 carry", "made him ~2 carry", "made her ~2 carry", "make him ~2 deliver", "made him ~2 deliver",
                   "take bags to", "taking bags to", "carry bags", "carrying bags", "deliver packages", "delivering packages", "dropping off packages",
                   "wont tell his mum", "wont tell her mum", "wont tell his dad", "wont tell her dad", "proper scared", "really scared", "so scared"])
        risk(1.2, ["hurt his little", "hurt her little", "hurt his sister", "hurt his brother", "hurt her sister", "hurt her brother",
                   "hurt his mum", "hurt her mum", "hurt his family", "hurt her family", "will hurt", "theyll hurt", "threatened to hurt", "threatening to hurt", "threaten to hurt",
                   "said theyd hurt", "going to hurt"])
        // Rules 1.6.0, from the cross-validation misses on enquiries by writers outside this corpus; families again.
        // Money taken from an older person in other words ("takes the money off him", "keeping her pension").
        risk(1.2, ["money off him", "money off her", "cash off him", "cash off her", "keeping her pension", "keeps her pension",
                   "kept her pension", "keeping his pension", "keeps his pension", "kept his pension", "keeping her money", "keeps her money",
                   "keeping his money", "keeps his money"])
        // Signs of neglect or harm seen by a visitor: the same clothes for days, weight lost, a door no longer opened, a
        // bruise and an excuse for it, treatment withheld.
        risk(0.6, ["same clothes", "so thin", "wont open the door", "wont answer the door", "not opening the door", "wet bed",
                   "stopped ~3 her insulin", "stopped ~3 his insulin", "stopped ~3 her medication", "stopped ~3 his medication",
                   "not giving her ~2 medication", "not giving him ~2 medication"])
        risk(0.4, ["very thin", "lost ~2 weight"])
        risk(0.8, ["didnt mean it", "bruise on"])
        // Rules 1.9.0, from the cross-validation misses on the outside writers' seeds (each a sign the guidance lists,
        // in more than one wording): self-harm in the first person, despair with a means in mind, threats to kill,
        // a carer's rough handling, someone else holding an older person's card, signs a neighbour sees of someone
        // not seen for days, self-neglect, and confusion out of doors at night.
        risk(1.2, ["cut myself", "cutting myself", "cut my arms", "cut my legs", "cutting my arms", "cutting my legs", "hurt myself",
                   "hurting myself", "harm myself", "harming myself", "stop all of it", "end all of it", "nobody would notice if",
                   "nobody would miss me", "no one would miss me", "finish me", "finish me off", "kill me", "going to kill me",
                   "hes going to kill", "shes going to kill", "grabbed ~3 by the arm", "grab ~3 by the arm", "grabbing ~3 by the arm",
                   "yanked ~2 up", "yank ~2 up", "dragged ~2 by the arm", "holds ~3 bank card", "has ~3 bank card and",
                   "cash out for himself", "cash out for herself", "does whatever he says", "does whatever she says",
                   "does whatever they say"])
        risk(0.8, ["milks on ~2 step", "milk on ~2 step", "milks on ~2 doorstep", "lights on for ~2 nights", "no lights on for",
                   "curtains closed for", "piled to the ceiling", "not washed in", "hasnt washed in", "no water on",
                   "didnt know what day it was", "didnt seem to know what day", "doesnt know what day it is", "front door ~2 wide open",
                   "waiting for the bus to work", "im done", "honestly im done"])
        // The small hours: a sign only beside another. (Night clothes are not one: a late carer's client waits in them.)
        risk(0.4, ["at 2am", "at 3am", "at midnight"])
        // Rules 1.9.0: a fall left for hours, told by whoever found the person.
        risk(1.2, ["on the floor all night", "on the floor since", "on the ~2 floor and couldnt get up",
                   "on the ~2 floor and could not get up", "on the ~2 floor and cant get up", "lying there all night"])
        // Rules 1.9.0: warning signs as published guidance lists them, in a friend's or relative's words rather than
        // the clinical ones above. Suicide: a plan or the means put by, goodbyes, possessions given away, feeling a
        // burden. The strong ones are not ordinary council business; the weak ones ("can't go on", "what's the point")
        // are also how people complain, so they need another sign beside them.
        risk(1.2, ["tablets saved", "saved up ~2 tablets", "pills saved", "saved up ~2 pills", "stockpiling ~2 tablets",
                   "stockpiling ~2 pills", "hoarding ~2 tablets", "hoarding ~2 pills", "take an overdose", "taken an overdose",
                   "took an overdose", "tried to overdose",
                   "take my own life", "take his own life", "take her own life", "taking his own life", "taking her own life",
                   "better off without me", "better off without him", "better off without her", "better off dead", "nothing to live for", "no reason to live", "not worth living",
                   "isnt worth living", "dont want to be here anymore", "dont want to be here any more", "doesnt want to be here anymore",
                   "doesnt want to be here any more", "dont want to live", "doesnt want to live", "tonight is the night",
                   "had enough of life", "no point going on", "no point in living", "worked out how ~3 do it", "how ~2 would do it",
                   "how ~2 d do it", "said goodbye to everyone", "messages saying goodbye", "texts saying goodbye",
                   "giving away ~2 things", "given away ~2 things", "gave away ~2 things", "giving ~2 things away", "given ~2 things away",
                   "gave ~2 things away", "wont be a burden", "dont want to be a burden", "doesnt want to be a burden",
                   "feel like a burden", "feels like a burden", "burden much longer", "wont be around much longer",
                   "wont be here much longer", "not be around much longer", "not be here much longer"])
        risk(0.6, ["might as well have them now", "saying goodbye"])
        // An overdose alone is also public health's harm-reduction business (naloxone kits, training).
        risk(0.3, ["overdose", "overdosed"])
        risk(0.4, ["cant do this anymore", "cant do this any more", "cant go on", "cant carry on"])
        risk(0.3, ["whats the point", "for good"])
        // Modern slavery and labour exploitation (the Home Office's published signs): documents held by someone else,
        // no way to leave, no pay, workers moved in a group at odd hours.
        risk(1.2, ["taken my passport", "took my passport", "keeps my passport", "keeping my passport", "kept my passport",
                   "taken her passport", "took her passport", "keeps her passport", "keeping her passport", "taken his passport",
                   "took his passport", "keeps his passport", "keeping his passport", "taken their passports", "took their passports",
                   "keeps their passports", "kept their passports", "not allowed to leave the house", "not allowed to leave the property",
                   "arent allowed to leave the house", "isnt allowed to leave the house"])
        risk(0.6, ["work for nothing", "working for nothing", "never get paid", "never gets paid"])
        risk(0.4, ["van collects them", "van picks them up", "minibus picks them up", "minibus collects them", "collected by a van",
                   "picked up by a van", "asked ~3 for food", "dont get paid", "doesnt get paid"])
        risk(0.3, ["dropped back", "boarded up", "too many people living", "sleeping in shifts", "look exhausted", "looked exhausted",
                   "uneasy about"])
        // Risks to a child only, counted when a child is involved (a child word, or an age under 18).
        func childRisk(_ weight: Double, _ patterns: [String]) { for p in patterns { e.append((p, .childRisk, weight)) } }
        // Turned out of home with nowhere to sleep.
        childRisk(0.6, ["told him to get out", "told her to get out", "told me to get out", "kicked me out", "threw me out",
                        "thrown out", "nowhere to sleep", "nowhere to stay", "nowhere to live", "sleeping rough", "sofa surfing",
                        "sleeping on ~2 sofa", "sleeping in ~2 car", "sleeping in the park"])
        childRisk(0.3, ["kicked him out", "kicked her out", "threw him out", "threw her out", "cant come back", "cant go back",
                        "not allowed back", "no money"])
        // Grooming: gifts, lifts and an older person's home (two of them make a concern).
        childRisk(0.4, ["buys her", "buys him", "bought her", "bought him", "gives her money", "gives him money", "gave her money",
                        "gave him money", "picks her up", "picks him up", "in his car", "at his flat", "at his house", "staying over"])
        // A child hit by an adult ("smacks my 4 year old"), and marriage planned for a child.
        childRisk(1.2, ["smacks", "smacked", "slaps", "hits my", "hitting my", "kicks my", "punches my", "punched my",
                        "marry a man", "marry an older", "make her marry", "make him marry", "made to marry", "married off",
                        "will marry", "to marry a"])
        // Rules 1.9.0: marriage planned for a child in other words (the Forced Marriage Unit's signs: a cousin, a trip
        // "back home", no say in it), and grooming's secrecy and image requests. Counted only with a child: adults
        // marry and send photos, and a family's wedding is a registration enquiry.
        childRisk(1.2, ["to be married to a", "be married off", "married to a cousin", "married to her cousin", "married to his cousin",
                        "married to my cousin", "marry a cousin", "marry her cousin", "marry his cousin", "marry my cousin",
                        "my wedding for when", "married when ~2 turn", "wedding when ~2 turn", "taken back home to", "sent back home to",
                        "our secret", "our little secret", "dont tell your dad", "dont tell your mum", "dont tell your parents",
                        "dont tell your mom", "not to tell his parents", "not to tell her parents", "send ~2 pictures of himself",
                        "send ~2 pictures of herself", "send ~2 photos of himself", "send ~2 photos of herself", "youre my favourite",
                        "you are my favourite"])
        // Rules 1.9.0, from the cross-validation misses: a child made to work or kept from school, an adult's gifts
        // of alcohol, drugs or vapes, older men collecting a child, a parent drunk at the school gate.
        childRisk(1.2, ["make me work", "makes me work", "made me work", "make her work", "makes her work", "make him work",
                        "makes him work", "not allowed to go out", "not been at school since", "havent been at school since",
                        "hasnt been at school since", "told the school we moved", "give me vodka", "gives me vodka", "give me weed",
                        "gives me weed", "giving her vapes", "giving him vapes", "gives her vapes", "gives him vapes", "vapes and money",
                        "be nice to ~3 mate", "be nice to ~3 friend", "picked up ~3 by different men", "different men in",
                        "arrived ~2 drunk", "turned up ~2 drunk", "clearly drunk", "mum was out of it", "dad was out of it",
                        "mum is out of it", "dad is out of it", "mums out of it", "dads out of it", "parents were out of it",
                        "asking ~3 for her snapchat",
                        "asking ~3 for his snapchat", "asked ~3 for her snapchat", "asked ~3 for his snapchat"])
        childRisk(0.8, ["in his twenties", "in their twenties", "in his thirties", "in their thirties", "expensive trainers",
                        "new phone and", "picking her up", "picking him up", "let me stay over", "lets me stay over",
                        "not seen the kids", "havent seen the kids", "never see the kids", "windows ~3 covered"])
        childRisk(0.4, ["sent late at night", "messages late at night", "lifts home on ~2 own", "keep it a secret", "keep it secret"])
        childRisk(0.3, ["no choice", "send ~2 pictures", "send ~2 photos"])
        // Words that only look like risk: a minor injuries unit is a place.
        risk(0, ["minor injuries", "minor injuries unit", "minor injury"])
        risk(0.5, ["never met"])
        risk(0.5, ["unsafe", "not safe", "shouting at", "screaming", "crying", "hoarding", "struggling to cope", "no family", "on the floor"])
        risk(0.4, ["till midnight", "until midnight", "comes home late", "staying out", "shouting", "in the cold", "really worried", "very worried", "so worried", "alone", "lives alone", "confused", "had a fall", "fallen over", "fell", "no heating", "cold house", "drunk", "drugs", "injury", "bruise"])
        risk(0.3, ["worried about", "concerned about", "concerned for", "worried for", "fear for", "struggling", "dirty", "filthy", "unkempt", "freezing", "smells"])
        // "worried about my neighbour": risk about a person (dropped in code when the person is only a possessor, "my son's school").
        for lead in ["worried about", "concerned about", "concerned for", "worried for", "fear for", "scared for", "worry about"] {
            for w in childWords + youngerRelatives + elderlyWords + adultWords.filter({ !["he", "she", "they", "them", "lives alone", "carer", "patient", "resident", "tenant", "friend", "partner", "husband", "wife", "brother", "sister"].contains($0) }) {
                e.append(("\(lead) ~2 \(w)", .riskAboutPerson, 0.8))
            }
        }
        for w in childWords { e.append((w, .child, 0)) }
        for w in youngerRelatives { e.append((w, .sonOrDaughter, 0)) }
        for w in adultWords { e.append((w, .adult, 0)) }
        for w in elderlyWords { e.append((w, .elderly, 0)) }
        // Ages: "a 6 year old" is a child, "92 year old" elderly (decided from the number in code).
        for w in ["year old", "years old", "yr old", "yrs old", "year olds"] { e.append((w, .age, 0)) }
        return Lexicon(e)
    }()

    /// Topic cues used to settle rule conflicts.
    static let topics: Lexicon<TopicCue> = {
        var e: [(String, TopicCue, Double)] = []
        for p in ["air quality", "pollution", "polluted", "emissions", "nitrogen dioxide", "no2", "diffusion tube", "particulates", "contamination",
                  "contaminated", "flood*", "drainage", "sewage", "river", "water quality", "noise", "trees", "tree", "hedgerow", "biodiversity",
                  "ecology", "wildlife", "habitat", "climate", "carbon", "energy", "waste", "recycling", "landfill", "pesticide*", "planning",
                  "land", "soil", "environmental", "environment", "incinerator", "traffic levels", "traffic counts"] {
            e.append((p, .environmental, 1))
        }
        for p in ["how many", "number of", "numbers of", "statistics", "figures", "data on", "data for", "breakdown", "total", "per year",
                  "each year", "annual", "between", "policy", "policies", "spent", "spend", "budget", "contracts", "referrals", "cases"] {
            e.append((p, .statistics, 1))
        }
        for p in ["me", "my", "myself", "i"] { e.append((p, .ownData, 1)) }
        for p in ["i was in care", "i was in the care of", "i was in foster care", "i was in a childrens home", "i was fostered",
                  "i was taken into care", "when i was in care", "i grew up in care", "care leaver", "i was a looked after child",
                  "i was looked after by"] {
            e.append((p, .ownCareHistory, 1))
        }
        for p in ["how long does", "how long do", "how long will", "how long should", "do i have to make", "do i need to make", "do i need to put in",
                  "should i make", "is it published", "is that published", "not sure if this is", "not sure whether this is", "how do i make a",
                  "how do i make an", "how do i submit", "where do i send", "what is the process", "whats the process", "is there a form",
                  "cant find the form", "find the form", "does it cost to make", "is there a charge for"] {
            e.append((p, .processQuestion, 1))
        }
        return Lexicon(e)
    }()
}
