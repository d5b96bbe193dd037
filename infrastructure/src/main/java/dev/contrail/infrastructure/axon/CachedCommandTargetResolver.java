package dev.contrail.infrastructure.axon;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Axon's {@link AnnotationCommandTargetResolver}, with what it looks up by reflection for every command looked up once
 * per command class (ADR 0042): which method or field carries {@link TargetAggregateIdentifier}, which one
 * {@link TargetAggregateVersion}. Axon's walks every method and then every field of the command's class (and its
 * superclasses), meta-annotations included, twice per command: a fifth of the intake's CPU per command in a batch
 * (benchmarks' DomainEventsMeasurement). The search is Axon's own, in Axon's order ({@link ReflectionUtils#methodsOf}
 * first, then {@link ReflectionUtils#fieldsOf}, the first annotated member wins), as are the failures: a command
 * without an identifier, an identifier or version that cannot be read, a version that is not a number.
 */
final class CachedCommandTargetResolver implements CommandTargetResolver {

    /** Where a command class keeps its target: the identifier's and the version's member, either of them null if none. */
    private record Target(AccessibleObject identifier, AccessibleObject version) {
    }

    private final Map<Class<?>, Target> targets = new ConcurrentHashMap<>();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = targets.computeIfAbsent(command.getPayloadType(),
                type -> new Target(annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class)));
        Object identifier;
        Long version;
        try {
            identifier = value(target.identifier(), command.getPayload());
            version = asLong(value(target.version(), command.getPayload()));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of aggregate information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target aggregate. Make sure at least "
                    + "one of the fields or methods in the [%s] class contains the @TargetAggregateIdentifier annotation and that it "
                    + "returns a non-null value.", command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    /** The first method, else the first field, of {@code type} that carries {@code annotation}; null if none does. */
    private static AccessibleObject annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return field;
            }
        }
        return null;
    }

    private static Object value(AccessibleObject member, Object payload) throws InvocationTargetException, IllegalAccessException {
        if (member == null) {
            return null;
        }
        return member instanceof Method method ? method.invoke(payload) : ReflectionUtils.getFieldValue((Field) member, payload);
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }
}
