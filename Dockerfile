# ---- Build stage -------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# The Maven wrapper (distributionType=only-script) downloads Maven itself.
COPY . .
# The production jar: the api module without the demo (no embedded Kafka or PostgreSQL, no bundled capture; ADR 0038).
# Then split into Spring Boot's layers, least changing first, so that a rebuild after a code change ships only the
# last layer (the jar's own tools mode; ProductionJarIT runs the same command).
RUN chmod +x mvnw \
 && ./mvnw -B -DskipTests -pl api -am package \
 && cp api/target/contrail-api-*.jar /src/contrail.jar \
 && java -Djarmode=tools -jar /src/contrail.jar extract --layers --launcher --destination /src/layers

# ---- Runtime stage -----------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl is only used by the HEALTHCHECK.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# Non-root user (uid 10001 avoids clashing with the image's own uid 1000 "ubuntu" user).
RUN groupadd --system --gid 10001 contrail \
 && useradd --system --uid 10001 --gid contrail --home-dir /app --shell /usr/sbin/nologin contrail \
 && mkdir -p /app \
 && chown contrail:contrail /app

WORKDIR /app
COPY --from=build --chown=contrail:contrail /src/layers/dependencies/ /app/
COPY --from=build --chown=contrail:contrail /src/layers/spring-boot-loader/ /app/
COPY --from=build --chown=contrail:contrail /src/layers/snapshot-dependencies/ /app/
COPY --from=build --chown=contrail:contrail /src/layers/application/ /app/

USER contrail

# Size the heap from the container's memory limit instead of the host's.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1

# Without SPRING_KAFKA_BOOTSTRAP_SERVERS and SPRING_DATASOURCE_URL it refuses to start and says so (ADR 0038).
ENTRYPOINT ["java","org.springframework.boot.loader.launch.JarLauncher"]
