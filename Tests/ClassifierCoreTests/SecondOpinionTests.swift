import Crypto
import Foundation
import Testing
import SentenceEncoder
import SignpostEvents
@testable import ClassifierCore

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The second opinion with the model `make encoder-model` fetched, loaded once.
private let loadedOpinion: Result<SecondOpinion, EncoderError> = {
    do throws(EncoderError) {
        return .success(try SecondOpinion(modelDirectory: SentenceEncoder.modelDirectory(relativeTo: repositoryRoot)))
    } catch {
        return .failure(error)
    }
}()

/// Every 8th enquiry of the test split: 252 of them, a quarter or so doubtful.
private let sample: [LabelledEnquiry] = {
    let all = (try? LabelledEnquiry.load(contentsOf: repositoryRoot.appendingPathComponent("corpus/classification/test.jsonl"))) ?? []
    return stride(from: 0, to: all.count, by: 8).map { all[$0] }
}()

@Suite("second opinion", .serialized)
struct SecondOpinionTests {
    /// Each sample enquiry classified without and with the second opinion.
    static let pairs: [(enquiry: LabelledEnquiry, alone: Classification, reviewed: Classification)] = {
        guard let opinion = try? loadedOpinion.get() else { return [] }
        let alone = Classifier()
        var reviewed = Classifier()
        reviewed.secondOpinion = opinion
        return sample.map { ($0, alone.classify(text: $0.text, channel: $0.channel), reviewed.classify(text: $0.text, channel: $0.channel)) }
    }()

    @Test func theEncoderModelIsPresent() throws {
        _ = try loadedOpinion.get()
        #expect(Self.pairs.count > 200)
    }

    /// The rules' safeguarding findings on an enquiry (what `SecondOpinion.mayQuestion` reads).
    static func facts(_ e: LabelledEnquiry) -> SafeguardingFacts {
        RuleScorer().score(Document(text: e.text, channel: e.channel)).facts.safeguarding
    }

    @Test func onlyDoubtfulOrdinaryDecisionsAndConcernsOnWeakSignsAreReviewed() {
        for (enquiry, alone, reviewed) in Self.pairs {
            let asked = reviewed.evidence.contains { $0.hasPrefix("second opinion ") }
            let questioned = alone.kind == .safeguardingConcern && SecondOpinion.mayQuestion(Self.facts(enquiry))
            let mayAsk = (alone.confidence < SecondOpinion.doubtBelow && alone.kind != .safeguardingConcern && !alone.kind.isLegalRequest) || questioned
            #expect(asked == mayAsk, "\(enquiry.id)")
            if !mayAsk { #expect(reviewed == alone, "\(enquiry.id)") }
        }
    }

    @Test func aConcernWithAStrongSignOrAWorryAboutAPersonIsNeverQuestioned() {
        let concerns = Self.pairs.filter { $0.alone.kind == .safeguardingConcern && !SecondOpinion.mayQuestion(Self.facts($0.enquiry)) }
        #expect(concerns.count > 10)
        for (enquiry, alone, reviewed) in concerns { #expect(reviewed == alone, "\(enquiry.id)") }
    }

    /// Every concern of the test split the classifier finds on weak signs only, without and with the second opinion.
    static let questioned: [(enquiry: LabelledEnquiry, alone: Classification, reviewed: Classification)] = {
        guard let opinion = try? loadedOpinion.get() else { return [] }
        let all = (try? LabelledEnquiry.load(contentsOf: repositoryRoot.appendingPathComponent("corpus/classification/test.jsonl"))) ?? []
        let alone = Classifier()
        var reviewed = Classifier()
        reviewed.secondOpinion = opinion
        return all.compactMap { e in
            let c = alone.classify(text: e.text, channel: e.channel)
            guard c.kind == .safeguardingConcern, SecondOpinion.mayQuestion(facts(e)) else { return nil }
            return (e, c, reviewed.classify(text: e.text, channel: e.channel))
        }
    }()

    @Test func aConcernOnWeakSignsIsSetAsideOnlyWhenTheEncoderAllButRulesItOutAndThenGoesToTriage() throws {
        let opinion = try loadedOpinion.get()
        var setAside = 0
        for (enquiry, alone, reviewed) in Self.questioned {
            let concern = opinion.read(enquiry.text).concern
            guard concern < SecondOpinion.setAsideBelow else {
                #expect(reviewed.kind == alone.kind && reviewed.service == alone.service && reviewed.confidence == alone.confidence, "\(enquiry.id)")
                #expect(reviewed.evidence.last?.hasSuffix("the concern stands") == true, "\(enquiry.id)")
                continue
            }
            setAside += 1
            #expect(reviewed.kind != .safeguardingConcern, "\(enquiry.id)")
            #expect(reviewed.confidence < Classifier.triageThreshold, "\(enquiry.id)")
            // A person sees both: the ordinary answer first, the concern second.
            #expect(reviewed.candidates.map(\.kind) == [reviewed.kind, .safeguardingConcern], "\(enquiry.id)")
            #expect(reviewed.candidates.last?.service == alone.service)
            #expect(reviewed.decidedBy == Classifier.version + "+" + opinion.version)
            #expect(reviewed.evidence.last?.hasSuffix("concern set aside, for triage") == true, "\(enquiry.id)")
        }
        #expect(setAside >= 3, "no concern of the test split was set aside")
        // None of the concerns set aside on the test split is a true one.
        for (enquiry, _, reviewed) in Self.questioned where reviewed.kind != .safeguardingConcern {
            #expect(enquiry.labels.kind != .safeguardingConcern, "\(enquiry.id)")
        }
    }

    @Test func aChangedAnswerKeepsTheClassifiersConfidenceAndCandidates() throws {
        let opinion = try loadedOpinion.get()
        let taken = Self.pairs.filter { $0.reviewed.evidence.contains { $0.contains(", taken over ") } }
        #expect(taken.count >= 3, "the second opinion never changed an answer on the sample")
        for (enquiry, alone, reviewed) in taken {
            #expect(reviewed.kind != alone.kind || reviewed.service != alone.service, "\(enquiry.id)")
            #expect(reviewed.confidence == alone.confidence)
            #expect(reviewed.candidates == alone.candidates)
            #expect(reviewed.decidedBy == Classifier.version + "+" + opinion.version)
            #expect(reviewed.lawfulBasis == reviewed.kind.lawfulBasis)
            #expect(reviewed.service == .districtCouncil || reviewed.district == nil)
        }
    }

    @Test func anOrdinaryDecisionTakesTheKindAndServiceBothModelsTogetherFindMostProbable() throws {
        let opinion = try loadedOpinion.get()
        let ordinary: Set<EnquiryKind> = [.complaint, .compliment, .serviceRequest, .generalEnquiry]
        var together = 0
        for (enquiry, alone, reviewed) in Self.pairs where SecondOpinion.mayReview(alone) && ordinary.contains(alone.kind) {
            let line = try #require(reviewed.evidence.first { $0.hasPrefix("second opinion ") })
            guard line.contains(", together ") else { continue } // an enquiry that says nothing: the switch decides
            together += 1
            if line.contains("safeguarding first") { continue }
            let pair = try #require(line.components(separatedBy: ", together ").last?.components(separatedBy: ",").first)
            #expect(pair == "\(reviewed.kind.rawValue)/\(reviewed.service.rawValue)", "\(enquiry.id)")
            // The pair is one of the labels either model ranks; an answer both models agree on stays.
            let read = opinion.read(enquiry.text)
            if read.kind == alone.kind, read.service == alone.service { #expect(reviewed.kind == alone.kind && reviewed.service == alone.service) }
        }
        #expect(together > 10)
    }

    @Test func aConcernTheEncoderFindsLikelyBecomesASafeguardingConcern() throws {
        let opinion = try loadedOpinion.get()
        let raised = Self.pairs.filter { $0.reviewed.evidence.contains { $0.contains("safeguarding first") } }
        for (enquiry, alone, reviewed) in raised {
            #expect(opinion.read(enquiry.text).concern >= SecondOpinion.concernAtLeast)
            #expect(alone.kind != .safeguardingConcern && reviewed.kind == .safeguardingConcern)
            #expect([.childrensServices, .adultSocialCare, .police, .nhs].contains(reviewed.service))
            #expect(reviewed.lawfulBasis == .legalObligation)
        }
        // Every doubtful ordinary answer whose reading is a likely concern was raised.
        for (enquiry, alone, reviewed) in Self.pairs where SecondOpinion.mayReview(alone) && reviewed.kind != .safeguardingConcern {
            #expect(opinion.read(enquiry.text).concern < SecondOpinion.concernAtLeast, "\(enquiry.id)")
        }
    }

    @Test func theSwitchHelpsMoreThanItHurtsOnTheSample() {
        let changed = Self.pairs.filter { $0.alone.kind != $0.reviewed.kind || $0.alone.service != $0.reviewed.service }
        func right(_ c: Classification, _ e: LabelledEnquiry) -> Bool { c.kind == e.labels.kind && c.service == e.labels.service }
        let fixed = changed.filter { right($0.reviewed, $0.enquiry) && !right($0.alone, $0.enquiry) }.count
        let broken = changed.filter { !right($0.reviewed, $0.enquiry) && right($0.alone, $0.enquiry) }.count
        #expect(fixed > broken, "fixed \(fixed), broken \(broken) of \(changed.count) changed")
    }

    @Test func aTextWithNoWordTheEncoderKnowsKeepsTheClassifiersAnswer() throws {
        var reviewed = Classifier()
        reviewed.secondOpinion = try loadedOpinion.get()
        for text in ["", "   ", "🙂🙂🙂", "[CLS] [SEP]"] {
            let alone = Classifier().classify(text: text, channel: .bot)
            let c = reviewed.classify(text: text, channel: .bot)
            #expect(c.kind == alone.kind && c.service == alone.service && c.decidedBy == alone.decidedBy, "\(text)")
        }
    }

    @Test func theClassifierServiceDecidesOffTheCooperativePool() {
        // An encoder read takes about 0.1 s: the runtime runs the decision on its own thread.
        #expect(ClassifierDecider.decidesOffThePool)
    }

    @Test func aLegalKindIsTakenOnlyWithInformationGovernance() {
        #expect(SecondOpinion.coherent(kind: .foiRequest, service: .informationGovernance))
        #expect(!SecondOpinion.coherent(kind: .foiRequest, service: .highways))
        #expect(SecondOpinion.coherent(kind: .generalEnquiry, service: .informationGovernance))
        #expect(SecondOpinion.coherent(kind: .safeguardingConcern, service: .police))
        #expect(!SecondOpinion.coherent(kind: .safeguardingConcern, service: .libraries))
    }

    @Test func theHeadsCoverTheCorpusLabelsAndWereTrainedOnTheTrainingSplit() throws {
        let heads = EncoderHeads.embedded
        let train = try Data(contentsOf: repositoryRoot.appendingPathComponent("corpus/classification/train.jsonl"))
        let labels = try LabelledEnquiry.parse(String(decoding: train, as: UTF8.self)).map(\.labels)
        #expect(Set(heads.kind.labels) == Set(labels.map(\.kind.rawValue)))
        #expect(Set(heads.service.labels) == Set(labels.map(\.service.rawValue)))
        // If this fails, the training split changed: embed it again and run corpus/encoder/export_heads.py.
        let digest = SHA256.hash(data: train).map { String(format: "%02x", $0) }.joined()
        #expect(heads.version == "heads-1.0-" + digest.prefix(8))
    }

    @Test func configurationIsOffWhenAskedOrWhenNoModelIsAtTheDefaultPlace() throws {
        let nowhere = URL(fileURLWithPath: "/nonexistent")
        #expect(try SecondOpinion.configured(environment: ["SIGNPOST_SECOND_OPINION": "off"], workingDirectory: repositoryRoot) == nil)
        #expect(try SecondOpinion.configured(environment: [:], workingDirectory: nowhere) == nil)
        #expect(throws: EncoderError.self) { try SecondOpinion.configured(environment: ["SIGNPOST_ENCODER_MODEL": "/nonexistent/model"], workingDirectory: repositoryRoot) }
        #expect(try SecondOpinion.configured(environment: [:], workingDirectory: repositoryRoot) != nil)
    }
}
