# Build: Maven on a JDK 17 image produces the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
COPY probes probes
RUN mvn -B -q package -DskipTests

# Run: a slim JRE, an unprivileged user, history on a volume.
FROM eclipse-temurin:17-jre-jammy
RUN useradd --system --home-dir /vigil --shell /usr/sbin/nologin vigil
WORKDIR /vigil
COPY --from=build /src/target/vigil.jar /vigil/vigil.jar
COPY config /vigil/config
COPY probes /vigil/probes
RUN mkdir -p /vigil/data && chown vigil:vigil /vigil/data
USER vigil
# Listen on every interface inside the container; config/vigil.yaml reads VIGIL_LISTEN.
ENV VIGIL_LISTEN=0.0.0.0:8080
EXPOSE 8080
VOLUME ["/vigil/data"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseShenandoahGC", "-jar", "/vigil/vigil.jar"]
CMD ["run", "--config", "/vigil/config/vigil.yaml"]
