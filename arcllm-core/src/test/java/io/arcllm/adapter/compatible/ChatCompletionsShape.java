package io.arcllm.adapter.compatible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonField;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * Checks a request body against OpenAI's published Chat Completions request shape, using the models of the
 * official {@code openai-java} SDK: the body must deserialize into {@code ChatCompletionCreateParams.Body},
 * pass its {@code validate()} (required fields present, every known field of the right type, every union
 * matching one of its variants), and leave no property unknown to the SDK at any depth. Free-form objects
 * (a tool's parameters, a response format's schema, metadata) may hold anything, as in the published schema.
 * The {@code model} is a free string in the schema, but the SDK's {@code validate()} also checks it against
 * OpenAI's model names, so it is checked as a non-empty string and then replaced by one of those names.
 */
final class ChatCompletionsShape {

    /** Models whose properties are free-form by the schema's design. */
    private static final Set<String> FREE_FORM = Set.of("FunctionParameters", "Schema", "Metadata", "LogitBias");

    private ChatCompletionsShape() {
    }

    /** Fails the test if {@code json} is not a valid Chat Completions request body. */
    static void assertValid(String json) {
        ChatCompletionCreateParams.Body body;
        try {
            ObjectNode tree = (ObjectNode) ObjectMappers.jsonMapper().readTree(json);
            assertThat(tree.path("model").isTextual() && !tree.path("model").asText().isEmpty())
                    .as("model is a non-empty string in %s", json).isTrue();
            tree.put("model", "gpt-4o");
            body = ObjectMappers.jsonMapper().treeToValue(tree, ChatCompletionCreateParams.Body.class);
            body.validate();
        } catch (Exception e) {
            throw new AssertionError("not a Chat Completions request body: " + e.getMessage() + "\n" + json, e);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknown(body, "$", unknown, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        assertThat(unknown).as("properties OpenAI's request shape does not define, in %s", json).isEmpty();
    }

    private static void collectUnknown(Object node, String path, List<String> unknown, Set<Object> seen, int depth) {
        if (node == null || depth > 40 || !seen.add(node)) {
            return;
        }
        if (node instanceof Optional<?> optional) {
            optional.ifPresent(value -> collectUnknown(value, path, unknown, seen, depth + 1));
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectUnknown(list.get(i), path + "[" + i + "]", unknown, seen, depth + 1);
            }
            return;
        }
        if (node instanceof JsonField<?> field) {
            field.asKnown().ifPresent(value -> collectUnknown(value, path, unknown, seen, depth + 1));
            return;
        }
        if (!node.getClass().getName().startsWith("com.openai.models")
                || FREE_FORM.contains(node.getClass().getSimpleName())) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.getName();
            if (name.equals("_additionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) invoke(method, node);
                extra.keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (name.startsWith("_") && JsonField.class.isAssignableFrom(method.getReturnType())) {
                collectUnknown(invoke(method, node), path + "." + name.substring(1), unknown, seen, depth + 1);
            } else if (Optional.class.equals(method.getReturnType()) && !name.startsWith("_")) {
                // Union variants (user(), assistant(), ...) are Optional accessors.
                collectUnknown(invoke(method, node), path + "<" + name + ">", unknown, seen, depth + 1);
            }
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            return null; // an accessor that throws for a value it does not hold
        } catch (IllegalAccessException e) {
            return fail("cannot read " + method, e);
        }
    }
}
