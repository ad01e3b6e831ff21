/// The material the channel simulator draws from: residents, places and enquiries.
enum SimulatorData {
    struct Person { var title: String; var first: String; var last: String }
    struct Place { var town: String; var postcode: String }
    struct Scenario { var subject: String; var issue: String }

    static let people: [Person] = [
        .init(title: "Mrs", first: "Priya", last: "Shah"), .init(title: "Mr", first: "Owen", last: "Davies"),
        .init(title: "Ms", first: "Hannah", last: "Clarke"), .init(title: "Mr", first: "Kwame", last: "Mensah"),
        .init(title: "Mrs", first: "Aleksandra", last: "Nowak"), .init(title: "Mr", first: "Ionuț", last: "Popescu"),
        .init(title: "Ms", first: "Siobhán", last: "O'Neill"), .init(title: "Mr", first: "João", last: "Ferreira"),
        .init(title: "Mr", first: "Mehmet", last: "Yılmaz"), .init(title: "Mrs", first: "Joan", last: "Price"),
        .init(title: "Dr", first: "Rajinder", last: "Singh"), .init(title: "Miss", first: "Chloe", last: "Bennett"),
        .init(title: "Mr", first: "Tomasz", last: "Kowalski"), .init(title: "Mrs", first: "Fatima", last: "Begum"),
        .init(title: "Mr", first: "Liam", last: "Murphy"), .init(title: "Ms", first: "Zoë", last: "Hughes"),
        .init(title: "Mr", first: "Adebayo", last: "Okafor"), .init(title: "Mrs", first: "Gwen", last: "Morgan"),
        .init(title: "Mr", first: "Stefan", last: "Ionescu"), .init(title: "Ms", first: "Ana", last: "Silva"),
    ]

    static let places: [Place] = [
        .init(town: "Worcester", postcode: "WR1 2EY"), .init(town: "Worcester", postcode: "WR5 3HR"),
        .init(town: "Droitwich", postcode: "WR9 8DL"), .init(town: "Evesham", postcode: "WR11 4RW"),
        .init(town: "Pershore", postcode: "WR10 1AB"), .init(town: "Malvern", postcode: "WR14 3AF"),
        .init(town: "Upton-upon-Severn", postcode: "WR8 0HJ"), .init(town: "Kidderminster", postcode: "DY10 1AA"),
        .init(town: "Bewdley", postcode: "DY12 2AE"), .init(town: "Stourport", postcode: "DY13 8UJ"),
        .init(town: "Bromsgrove", postcode: "B60 1AA"), .init(town: "Redditch", postcode: "B97 4DA"),
        .init(town: "Redditch", postcode: "B98 8AH"), .init(town: "Tenbury Wells", postcode: "WR15 8AE"),
    ]

    static let streets = [
        "Vicarage Close", "Mill Lane", "Station Road", "Church Street", "Oak Avenue", "Meadow Drive",
        "Orchard Way", "The Crescent", "Elm Grove", "Severn Terrace", "Abbey Road", "Windsor Gardens",
    ]

    static let scenarios: [Scenario] = [
        .init(subject: "Pothole", issue: "There is a deep pothole on {street} in {town} and a cyclist nearly came off. Please can highways repair it."),
        .init(subject: "Street light out", issue: "The street light outside the school on {street} has been out for two weeks. Can someone fix it?"),
        .init(subject: "Blocked drain", issue: "The road drain on {street} is blocked and the road floods every time it rains. Please send someone to clear it."),
        .init(subject: "Gritting", issue: "Please can you grit the hill on {street} in {town}, it was like an ice rink this morning."),
        .init(subject: "Bus pass", issue: "I turned 66 last month and would like to apply for a bus pass. What do I need to send?"),
        .init(subject: "Blue badge renewal", issue: "My blue badge runs out next month, how do I renew it?"),
        .init(subject: "School transport", issue: "My daughter starts secondary school in September, is she entitled to free school transport?"),
        .init(subject: "Recycling centre", issue: "Is the household recycling centre open on bank holiday Monday, and do I need a permit for a van?"),
        .init(subject: "Library opening", issue: "What time does the library in {town} open on Saturdays? I need to return some books."),
        .init(subject: "Birth registration", issue: "I need to book an appointment to register my son's birth. How do I do that?"),
        .init(subject: "Marriage notice", issue: "We want to give notice of marriage at the register office. Can we book online?"),
        .init(subject: "Missed bin collection", issue: "My bins were not collected again this week on {street}, this is the third time. I am not happy."),
        .init(subject: "Council tax", issue: "My council tax direct debit was taken twice this month. Please refund the second payment."),
        .init(subject: "Fly-tipping", issue: "Someone has dumped a mattress and bags of rubbish in the lay-by on {street}. Please can it be cleared."),
        .init(subject: "Noise", issue: "The neighbours play loud music every night until 3am. I want to report a noise nuisance."),
        .init(subject: "Planning", issue: "Can you tell me whether planning permission is needed for a rear extension?"),
        .init(subject: "Rogue trader", issue: "A man knocked on the door offering to fix the roof and took a deposit of 800 pounds, then never came back. I think it was a scam."),
        .init(subject: "SEND support", issue: "My son has autism and we are waiting for his EHCP assessment. Who do I talk to about his support at school?"),
        .init(subject: "School admission", issue: "We have just moved and I need to apply for a school place for my daughter in year 3."),
        .init(subject: "Care assessment", issue: "My dad has dementia and we need help at home. How do I ask for a care needs assessment?"),
        .init(subject: "Worried about neighbour", issue: "I am worried about the elderly lady next door, I have not seen her for three days and her post is piling up."),
        .init(subject: "Concern for a child", issue: "I keep hearing a small child screaming next door late at night and I think he is being hit."),
        .init(subject: "Urgent: neighbour in danger", issue: "My neighbour's partner is hitting her right now and she is screaming, she is in immediate danger. Please send someone."),
        .init(subject: "Freedom of Information request", issue: "Under the Freedom of Information Act, please send me the number of potholes repaired in 2024."),
        .init(subject: "EIR request", issue: "Under the Environmental Information Regulations please send the air quality readings for {town} High Street."),
        .init(subject: "Subject access request", issue: "I want a copy of all the personal data you hold about me, including call recordings. This is a subject access request."),
        .init(subject: "Thank you", issue: "I just wanted to say thank you to the registrar who was so kind when we registered my mother's death."),
        .init(subject: "Great service", issue: "Thank you to the highways team who fixed the pavement so quickly, excellent work."),
        .init(subject: "Complaint about library", issue: "I want to make a complaint. The library in {town} was closed during advertised opening hours twice this week."),
        .init(subject: "Stop smoking", issue: "Where can I find the free stop smoking service? I would like some support to quit."),
        .init(subject: "Question", issue: "Not a complaint, just a question: which council deals with the grass verges on {street}?"),
        // Says nothing of what it is about: a person has to decide (triage).
        .init(subject: "A letter from the council", issue: "I need to speak to someone about a letter I got from you."),
    ]

    /// Further personal data a resident may add, so every PII type appears: `{dob}` and the
    /// numbers are filled in by the simulator.
    static let extras: [String] = [
        "My date of birth is {dob}.",
        "My NHS number is {nhs}.",
        "My National Insurance number is {ni}.",
        "My passport number is {passport} if you need ID.",
        "I paid with my card {card} and want it refunded.",
    ]
}
