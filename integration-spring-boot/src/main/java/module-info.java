/**
 * Spring Boot auto-configuration for Brook: a {@code Brook} bean from the {@code brook.*} properties
 * ({@link dev.brook.spring.boot.BrookProperties}), over the application's own HTTP client when it has one,
 * observed by Micrometer when the application has it. See {@link dev.brook.spring.boot.BrookAutoConfiguration}.
 */
// Spring's jars are automatic modules (named by their manifests); BrookProperties and BrookCustomizer show
// Spring and Brook types, so those are required transitively. The other stacks are optional: each is
// used only when its classes are found at run time.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.spring.boot {
    requires transitive brook.core;
    requires brook.transport.jdk;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires spring.beans;
    requires transitive spring.core;
    requires static brook.transport.okhttp;
    requires static brook.transport.apache;
    requires static brook.transport.vertx;
    requires static brook.micrometer;

    exports dev.brook.spring.boot;
    // Spring creates the package-private configuration classes and reads their bean methods reflectively.
    opens dev.brook.spring.boot to spring.core, spring.beans, spring.context;
}
