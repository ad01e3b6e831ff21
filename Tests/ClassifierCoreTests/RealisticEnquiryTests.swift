import Testing
import SignpostEvents
@testable import ClassifierCore

/// A hand-written enquiry and the labels a customer-services adviser would give it.
struct HandLabelled: Sendable, CustomTestStringConvertible {
    let id: String
    let channel: Channel
    let text: String
    let kind: EnquiryKind
    let service: ResponsibleService
    var district: District? = nil
    var special: [SpecialCategory] = []
    /// Why the classifier is known to give another kind (a `withKnownIssue`: the test fails once it no longer does).
    var knownKindIssue: Comment? = nil

    var testDescription: String { id }
}

/// Realistic enquiries across the four channel styles, the services and the kinds
/// (names, numbers and addresses are invented).
let handLabelled: [HandLabelled] = [
    // Phone summaries and transcripts.
    HandLabelled(id: "phone-not-a-complaint-hrc-times", channel: .phone,
                 text: "Caller said she is not making a complaint, just a question: what time does the Evesham recycling centre close on Sundays?",
                 kind: .generalEnquiry, service: .wasteDisposal),
    HandLabelled(id: "phone-missed-bin-disgraceful-malvern", channel: .phone,
                 text: "Agent: Worcestershire County Council, how can I help?\nCaller: My bin hasn't been collected for three weeks now and this is the third time I've rung. It's disgraceful. I live in Malvern WR14 2AB.",
                 kind: .complaint, service: .districtCouncil, district: .malvernHills),
    HandLabelled(id: "phone-street-light-out", channel: .phone,
                 text: "Caller reports the street light outside 12 Orchard Way has been flickering for a week and now it is out completely.",
                 kind: .serviceRequest, service: .highways),
    HandLabelled(id: "phone-register-a-death", channel: .phone,
                 text: "Caller wants to register her father's death. He passed away at home in Pershore on Tuesday. Asked how to book an appointment with the registrar.",
                 kind: .serviceRequest, service: .registration),
    HandLabelled(id: "phone-teenager-self-harming", channel: .phone,
                 text: "Caller said her 14 year old son has been self-harming and the school won't help. She is scared for him.",
                 kind: .safeguardingConcern, service: .childrensServices, special: [.health]),
    HandLabelled(id: "phone-rude-driver-autistic-son", channel: .phone,
                 text: "Caller complained that the driver on the school bus was rude to her autistic son and refused to let him on.",
                 kind: .complaint, service: .transport, special: [.health]),
    HandLabelled(id: "phone-who-deals-with-planning", channel: .phone,
                 text: "Caller asked who deals with planning applications in Wyre Forest District.",
                 kind: .generalEnquiry, service: .districtCouncil, district: .wyreForest),
    HandLabelled(id: "phone-contact-centre-hours", channel: .phone,
                 text: "Caller rang to ask what the opening hours are for the contact centre over Christmas.",
                 kind: .generalEnquiry, service: .customerServices),
    HandLabelled(id: "phone-subject-access", channel: .phone,
                 text: "Caller wants a copy of the recording of her call last week and all notes you hold about her. Subject access request.",
                 kind: .dataRightsRequest, service: .informationGovernance),
    HandLabelled(id: "phone-elderly-man-no-heating", channel: .phone,
                 text: "Caller, an elderly gentleman living alone in Tenbury Wells, said he has had no heating for a week and can't cope.",
                 kind: .safeguardingConcern, service: .adultSocialCare),
    HandLabelled(id: "phone-garden-waste-no-address", channel: .phone,
                 text: "Caller asked when her garden waste collection restarts. No address given.",
                 kind: .generalEnquiry, service: .districtCouncil),
    HandLabelled(id: "phone-transcript-bus-pass-broken", channel: .phone,
                 text: "Agent: Good morning, Worcestershire County Council.\nCaller: Yeah hi, I'm calling about my bus pass, it's stopped working on the card reader.\nAgent: Okay, can I take your name?\nCaller: It's Jean Wilson.",
                 kind: .serviceRequest, service: .transport),

    // Emails.
    HandLabelled(id: "email-foi-potholes", channel: .email,
                 text: "Subject: FOI request\n\nDear Sir/Madam,\n\nPlease provide the number of potholes repaired in Wychavon in each year 2021-2024.\n\nRegards,\nJ. Patel",
                 kind: .foiRequest, service: .informationGovernance),
    HandLabelled(id: "email-blue-badge-renewal-wheelchair", channel: .email,
                 text: "Subject: Blue badge renewal\n\nHello, my blue badge runs out next month. Could you send me the renewal form? I use a wheelchair.\n\nKind regards\nMargaret",
                 kind: .serviceRequest, service: .transport, special: [.health]),
    HandLabelled(id: "email-noise-redditch-postcode", channel: .email,
                 text: "Subject: Noise from next door\n\nThe people at number 8 play loud music until 3am every night. Who do I report this to? I live in Redditch B97 4QX.\n\nThanks,\nAmir",
                 kind: .generalEnquiry, service: .districtCouncil, district: .redditch),
    HandLabelled(id: "email-gritting-compliment", channel: .email,
                 text: "Subject: Compliment for the gritting team\n\nI just wanted to say a huge thank you to the gritter drivers who kept the B4084 clear during the snow. Brilliant work.",
                 kind: .compliment, service: .highways),
    HandLabelled(id: "email-eir-flood-risk", channel: .email,
                 text: "Subject: Environmental Information Regulations request\n\nPlease send the flood risk assessments held for the Severn at Bewdley since 2015.",
                 kind: .eirRequest, service: .informationGovernance),
    HandLabelled(id: "email-council-tax-straddling-wr5-kempsey", channel: .email,
                 text: "Subject: Council tax band\n\nI've just moved to WR5 3HP in Kempsey. How do I set up council tax for my new address?",
                 kind: .generalEnquiry, service: .districtCouncil, district: .malvernHills),
    HandLabelled(id: "email-doorstep-trader-broadway", channel: .email,
                 text: "Subject: Doorstep seller\n\nA man came to my father's door in Broadway saying his roof needs urgent work and charged him £4,000 for a job that took an hour. Please can Trading Standards look into this.",
                 kind: .serviceRequest, service: .tradingStandards),
    HandLabelled(id: "email-social-worker-thanks", channel: .email,
                 text: "Subject: Thanks\n\nJust a quick note to thank the social worker, Anna, who helped arrange my mum's care package so quickly. She was so kind.\n\nBest wishes,\nRuth",
                 kind: .compliment, service: .adultSocialCare),
    HandLabelled(id: "email-pavement-typo-hagley-mobility-scooter", channel: .email,
                 text: "Subject: Pavement\n\nThe pavment on Station Road in Hagley DY9 0NB is cracked and my wife, who uses a mobility scooter, nearly tipped over. Please repair it.",
                 kind: .serviceRequest, service: .highways, special: [.health]),
    HandLabelled(id: "email-foi-safeguarding-statistics", channel: .email,
                 text: "Subject: FOI\n\nUnder the Freedom of Information Act, how many safeguarding referrals about children did the council receive in 2024?",
                 kind: .foiRequest, service: .informationGovernance),
    HandLabelled(id: "email-foi-and-eir-air-quality", channel: .email,
                 text: "Subject: FOI / EIR request\n\nUnder FOI and the EIR please send the air quality monitoring results for Worcester 2023.",
                 kind: .eirRequest, service: .informationGovernance),
    HandLabelled(id: "email-missed-bin-straddling-postcode-only", channel: .email,
                 text: "Subject: Bins\n\nMy recycling bin was missed again. Postcode WR5 2AA.\n\nThanks",
                 kind: .complaint, service: .districtCouncil),
    HandLabelled(id: "email-isnt-a-complaint-gritting-question", channel: .email,
                 text: "Subject: Not a complaint\n\nThis isn't a complaint, I just want to know how the council decides which roads get gritted.",
                 kind: .generalEnquiry, service: .highways),

    // Web forms.
    HandLabelled(id: "webform-child-left-outside", channel: .webform,
                 text: "Name: Sarah Jones\nEmail: sj@example.com\nDetails: My neighbour's little boy, about 5 years old, is left outside in the cold for hours and I hear shouting and him crying most nights. I'm really worried.",
                 kind: .safeguardingConcern, service: .childrensServices),
    HandLabelled(id: "webform-erasure-request", channel: .webform,
                 text: "Full name: Daniel Okafor\nDetails: Under UK GDPR I ask you to erase all personal data you hold about me from the customer services system.",
                 kind: .dataRightsRequest, service: .informationGovernance),
    HandLabelled(id: "webform-school-place-when", channel: .webform,
                 text: "Name: Tom Hughes\nDetails: I applied for a school place for my daughter in September and have heard nothing. I want to know when we will find out.",
                 kind: .generalEnquiry, service: .education),
    HandLabelled(id: "webform-fly-tipping-kidderminster", channel: .webform,
                 text: "Name: Lucy Brown\nDetails: Someone has fly tipped a mattress and bags of rubbish in the lane behind Wolverley Road, Kidderminster. Can someone remove it?",
                 kind: .serviceRequest, service: .districtCouncil, district: .wyreForest),
    HandLabelled(id: "webform-racist-remark-library", channel: .webform,
                 text: "Name: Priya Raj\nDetails: I am a British Indian woman and I was spoken to in a racist way by a member of staff at the Redditch library. I want to make a formal complaint.",
                 kind: .complaint, service: .libraries, special: [.ethnicity]),
    HandLabelled(id: "webform-address-fields-green-bin", channel: .webform,
                 text: "Name: Ruth Adams\nAddress: 3 Mill Lane, Kempsey\nPostcode: WR5 3JX\nDetails: My green bin was not emptied this week.",
                 kind: .serviceRequest, service: .districtCouncil, district: .malvernHills),
    HandLabelled(id: "webform-worried-about-sons-school-place", channel: .webform,
                 text: "Name: Ben Carter\nDetails: I'm worried about my son's school place, we still haven't heard back about the appeal.",
                 // Logged as a complaint when it was written; three second readers who saw only labels.md (docs/classification.md,
                 // "Second reading") each logged it as a general enquiry, a question on the appeal's progress.
                 kind: .generalEnquiry, service: .education,
                 knownKindIssue: "lr-1.1-182cf08c answers service_request (model p=0.51; the rules say complaint, from \"still haven't\")"),
    HandLabelled(id: "webform-blue-badge-new-address", channel: .webform,
                 text: "Name: Mohammed Ali\nDetails: Please update the address you hold for my blue badge, I've moved to Bewdley.",
                 kind: .serviceRequest, service: .transport),

    // Bot chats: lower case, shorthand, typos.
    HandLabelled(id: "bot-pothole-a38-fix-pls", channel: .bot,
                 text: "user: there is a massive pothole on the a38 near bromsgrove can u fix it pls",
                 kind: .serviceRequest, service: .highways),
    HandLabelled(id: "bot-library-open-bank-holiday", channel: .bot,
                 text: "user: hi is kidderminster library open on bank holiday monday",
                 kind: .generalEnquiry, service: .libraries),
    HandLabelled(id: "bot-elderly-mum-dementia-money", channel: .bot,
                 text: "user: my mum is 88 and has dementia, shes not eating and i think her carer is taking her money",
                 kind: .safeguardingConcern, service: .adultSocialCare, special: [.health]),
    HandLabelled(id: "bot-van-permit-tip", channel: .bot,
                 text: "user: how do i get a permit for my van at the tip",
                 kind: .generalEnquiry, service: .wasteDisposal),
    HandLabelled(id: "bot-bus-times-shorthand", channel: .bot,
                 text: "user: wat time does the bus to worcester leave from droitwich station",
                 kind: .generalEnquiry, service: .transport),
    HandLabelled(id: "bot-renew-library-books", channel: .bot,
                 text: "user: can i renew my library books online",
                 // Whether it can be done online: information (the corpus's label rules, and the outside writers'
                 // labels of such questions); was a service request until 2026-11-30.
                 kind: .generalEnquiry, service: .libraries),
    HandLabelled(id: "bot-dead-badger-statement", channel: .bot,
                 text: "user: theres a dead badger on the road outside hanley swan",
                 kind: .serviceRequest, service: .highways),
    HandLabelled(id: "bot-bonfire-smoke-stourport", channel: .bot,
                 text: "user: my neighbour keeps burning rubbish in his garden and the smoke comes into our house, we live in stourport",
                 kind: .serviceRequest, service: .districtCouncil, district: .wyreForest),
    HandLabelled(id: "bot-dont-want-to-complain-potholes", channel: .bot,
                 text: "user: i dont want to complain but the potholes on the a449 r getting worse",
                 kind: .serviceRequest, service: .highways),
    HandLabelled(id: "bot-typos-pothole-kidderminster", channel: .bot,
                 text: "user: theres a potholle on the road by kiddermister train station",
                 kind: .serviceRequest, service: .highways),
    HandLabelled(id: "bot-teenage-daughter-older-boyfriend", channel: .bot,
                 text: "user: my daughter is 15 and her boyfriend is 24, he keeps giving her drugs and she comes home late with money",
                 kind: .safeguardingConcern, service: .childrensServices),
    HandLabelled(id: "bot-hi-only", channel: .bot,
                 text: "user: hi",
                 kind: .generalEnquiry, service: .customerServices),
]

@Suite("hand-labelled enquiries")
struct RealisticEnquiryTests {
    @Test func atLeastThirtyHandLabelledEnquiries() {
        #expect(handLabelled.count >= 30)
        #expect(Set(handLabelled.map(\.id)).count == handLabelled.count)
    }

    @Test("each hand-labelled enquiry is classified as an adviser would", arguments: handLabelled)
    func handLabelledEnquiry(_ e: HandLabelled) {
        let c = Classifier().classify(text: e.text, channel: e.channel)
        if let issue = e.knownKindIssue {
            withKnownIssue(issue) { #expect(c.kind == e.kind, "\(c.evidence)") }
        } else {
            #expect(c.kind == e.kind, "\(c.evidence)")
        }
        #expect(c.service == e.service, "\(c.evidence)")
        #expect(c.district == e.district, "\(c.evidence)")
        #expect(c.specialCategories == e.special, "\(c.evidence)")
        #expect(c.lawfulBasis == c.kind.lawfulBasis)
        if e.knownKindIssue == nil { #expect(c.lawfulBasis == e.kind.lawfulBasis) }
        #expect(c.specialCategoryCondition == (e.special.isEmpty ? nil
            : e.kind == .safeguardingConcern ? .substantialPublicInterest : .explicitConsent))
        #expect((0...1).contains(c.confidence))
    }
}
