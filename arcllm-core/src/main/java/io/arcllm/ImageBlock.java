package io.arcllm;

import java.util.Base64;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.json.JsonRequired;

/**
 * An image, inline as base64. JSON form:
 * {@code {"type": "image", "source": "<base64>", "mediaType": "image/png"}}.
 *
 * @param source the image bytes, base64-encoded
 * @param mediaType e.g. {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "mediaType"})
public record ImageBlock(@JsonRequired String source, @JsonRequired String mediaType) implements ContentBlock {

    /** @throws IllegalArgumentException if either part is missing or {@code mediaType} is not an image type */
    public ImageBlock {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mediaType, "mediaType");
        if (!mediaType.startsWith("image/")) {
            throw new IllegalArgumentException("mediaType must be an image/* type, was " + mediaType);
        }
    }

    /** An image block from raw bytes. */
    public static ImageBlock of(byte[] bytes, String mediaType) {
        return new ImageBlock(Base64.getEncoder().encodeToString(bytes), mediaType);
    }

    @Override
    public String toString() {
        return "ImageBlock[mediaType=" + mediaType + ", source=<" + source.length() + " base64 chars>]";
    }
}
