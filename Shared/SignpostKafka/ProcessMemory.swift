import CRdKafka

/// The process's own heap, beside the Kafka clients' buffers in it.
public enum ProcessMemory {
    /// Gives the heap memory already freed back to the operating system (glibc's `malloc_trim`:
    /// the free pages of every arena, not only the top of the main heap), so that memory freed
    /// after start-up or after a burst does not count in the resident set for the life of the
    /// process.
    public static func releaseFreedHeap() {
        _ = malloc_trim(0)
    }
}
