import CRdKafka

/// A partition of a topic and an offset in it.
public struct KafkaPartitionOffset: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64

    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

extension KafkaError.Code {
    /// The broker does not support the request (`_UNSUPPORTED_FEATURE`): the embedded broker
    /// answers DeleteRecords this way.
    public static let unsupportedFeature = KafkaError.Code(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)
}

extension KafkaAdmin {
    /// The offsets consumer group `group` has committed on `topic`'s partitions `0..<partitions`;
    /// partitions without a committed offset are left out.
    public func committedOffsets(group: String, topic: String, partitions: Int32, timeout: Duration) async throws(KafkaError) -> [Int32: Int64] {
        let handle = self.handle
        let ms = milliseconds(timeout)
        let result: Result<[Int32: Int64], KafkaError> = await runOnDedicatedThread("kafka-admin-group-offsets") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in try Self.committedBlocking(rk, group, topic, partitions, ms) })
            } catch {
                return .failure(error)
            }
        }
        return try result.getTyped()
    }

    /// Deletes every record before each given offset (Kafka's DeleteRecords), and returns each
    /// partition's new low watermark. Needs a broker that supports DeleteRecords (Apache Kafka
    /// does; the embedded broker answers ``KafkaError/Code/unsupportedFeature``).
    public func deleteRecords(before offsets: [KafkaPartitionOffset], timeout: Duration) async throws(KafkaError) -> [KafkaPartitionOffset] {
        if offsets.isEmpty { return [] }
        let handle = self.handle
        let ms = milliseconds(timeout)
        let result: Result<[KafkaPartitionOffset], KafkaError> = await runOnDedicatedThread("kafka-admin-delete-records") {
            do throws(KafkaError) {
                return .success(try handle.withHandle { rk throws(KafkaError) in try Self.deleteBlocking(rk, offsets, ms) })
            } catch {
                return .failure(error)
            }
        }
        return try result.getTyped()
    }

    private static func committedBlocking(_ rk: OpaquePointer, _ group: String, _ topic: String, _ partitions: Int32, _ ms: Int32) throws(KafkaError) -> [Int32: Int64] {
        guard let list = rd_kafka_topic_partition_list_new(partitions) else { throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "out of memory") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in 0..<partitions { _ = rd_kafka_topic_partition_list_add(list, topic, partition) }
        guard let request = rd_kafka_ListConsumerGroupOffsets_new(group, list) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_ListConsumerGroupOffsets_new failed")
        }
        defer { rd_kafka_ListConsumerGroupOffsets_destroy(request) }
        let event = try adminRequest(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, ms, name: "ListConsumerGroupOffsets") { options, queue in
            var requests: [OpaquePointer?] = [request]
            requests.withUnsafeMutableBufferPointer { rd_kafka_ListConsumerGroupOffsets(rk, $0.baseAddress, 1, options, queue) }
        }
        defer { rd_kafka_event_destroy(event) }
        guard let result = rd_kafka_event_ListConsumerGroupOffsets_result(event) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "ListConsumerGroupOffsets returned an unexpected event")
        }
        var count = 0
        let groups = rd_kafka_ListConsumerGroupOffsets_result_groups(result, &count)
        guard count == 1, let groupResult = groups?[0] else { return [:] }
        if let error = rd_kafka_group_result_error(groupResult) {
            throw KafkaError(rd_kafka_error_code(error), "offsets of group \(group): \(String(cString: rd_kafka_error_string(error)))")
        }
        guard let found = rd_kafka_group_result_partitions(groupResult) else { return [:] }
        var out: [Int32: Int64] = [:]
        for i in 0..<Int(found.pointee.cnt) {
            let p = found.pointee.elems[i]
            if p.err == RD_KAFKA_RESP_ERR_NO_ERROR, p.offset >= 0 { out[p.partition] = p.offset }
        }
        return out
    }

    private static func deleteBlocking(_ rk: OpaquePointer, _ offsets: [KafkaPartitionOffset], _ ms: Int32) throws(KafkaError) -> [KafkaPartitionOffset] {
        guard let list = rd_kafka_topic_partition_list_new(Int32(offsets.count)) else { throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "out of memory") }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for o in offsets { rd_kafka_topic_partition_list_add(list, o.topic, o.partition)?.pointee.offset = o.offset }
        guard let request = rd_kafka_DeleteRecords_new(list) else { throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_DeleteRecords_new failed") }
        defer { rd_kafka_DeleteRecords_destroy(request) }
        let event = try adminRequest(rk, RD_KAFKA_ADMIN_OP_DELETERECORDS, ms, name: "DeleteRecords") { options, queue in
            var requests: [OpaquePointer?] = [request]
            requests.withUnsafeMutableBufferPointer { rd_kafka_DeleteRecords(rk, $0.baseAddress, 1, options, queue) }
        }
        defer { rd_kafka_event_destroy(event) }
        guard let result = rd_kafka_event_DeleteRecords_result(event), let done = rd_kafka_DeleteRecords_result_offsets(result) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "DeleteRecords returned an unexpected event")
        }
        var out: [KafkaPartitionOffset] = []
        for i in 0..<Int(done.pointee.cnt) {
            let p = done.pointee.elems[i]
            let topic = String(cString: p.topic)
            guard p.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(p.err, "DeleteRecords on \(topic)[\(p.partition)]: \(String(cString: rd_kafka_err2str(p.err)))")
            }
            out.append(KafkaPartitionOffset(topic: topic, partition: p.partition, offset: p.offset))
        }
        return out
    }

    /// Sends one admin request on a queue of its own and waits for its result event.
    private static func adminRequest(
        _ rk: OpaquePointer, _ op: rd_kafka_admin_op_t, _ ms: Int32, name: String,
        send: (OpaquePointer, OpaquePointer) -> Void
    ) throws(KafkaError) -> OpaquePointer {
        var errstr = [CChar](repeating: 0, count: 512)
        guard let options = rd_kafka_AdminOptions_new(rk, op) else { throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_AdminOptions_new failed") }
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, ms, &errstr, errstr.count)
        guard let queue = rd_kafka_queue_new(rk) else { throw KafkaError(RD_KAFKA_RESP_ERR__FAIL, "rd_kafka_queue_new failed") }
        defer { rd_kafka_queue_destroy(queue) }
        send(options, queue)
        // librdkafka enforces the request timeout itself; the margin only guards against a lost event.
        guard let event = rd_kafka_queue_poll(queue, ms &+ 5_000) else {
            throw KafkaError(code: .timedOut, message: "\(name) got no answer within \(ms) ms")
        }
        let err = rd_kafka_event_error(event)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let text = String(cString: rd_kafka_event_error_string(event))
            rd_kafka_event_destroy(event)
            throw KafkaError(err, "\(name) failed: \(text)")
        }
        return event
    }
}
