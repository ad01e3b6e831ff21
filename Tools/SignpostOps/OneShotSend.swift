import Logging
import SignpostKafka

/// Sends messages in order, each acknowledged before the next, with a producer of its own that
/// is shut down afterwards: how the operators' commands publish what they decide.
func sendAcknowledged(_ messages: [KafkaOutboundMessage], bootstrapServers: String, clientID: String, logger: Logger) async throws {
    guard !messages.isEmpty else { return }
    let producer = try KafkaProducer(configuration: .init(bootstrapServers: bootstrapServers, clientID: clientID), logger: logger)
    do {
        for message in messages { _ = try await producer.send(message) }
    } catch {
        await producer.shutdown(timeout: .seconds(5))
        throw error
    }
    await producer.shutdown(timeout: .seconds(5))
}
