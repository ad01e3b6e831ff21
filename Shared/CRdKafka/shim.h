// The C surface Signpost uses: librdkafka and its mock cluster (Debian's librdkafka-dev), and
// glibc's malloc_trim for returning freed heap before the clients start.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <malloc.h>
