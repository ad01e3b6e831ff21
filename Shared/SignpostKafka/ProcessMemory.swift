import CRdKafka

/// The process's own heap, beside the Kafka clients' buffers in it.
public enum ProcessMemory {
    /// Gives the heap memory already freed back to the operating system (glibc's `malloc_trim`),
    /// so that what start-up allocated and freed does not count in the resident set for the
    /// life of the process.
    public static func releaseFreedHeap() {
        _ = malloc_trim(0)
    }
}
