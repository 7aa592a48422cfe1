package io.arcllm;

import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcllm.internal.Checks;
import io.arcllm.internal.json.JsonRequired;

/**
 * An image, inline as base64. JSON form:
 * {@code {"type": "image", "source": "<base64>", "mediaType": "image/png"}}.
 *
 * @param source the image bytes, base64-encoded
 * @param mediaType one of {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"source", "mediaType"})
public record ImageBlock(@JsonRequired String source, @JsonRequired String mediaType) implements ContentBlock {

    /**
     * @throws ArcLlmValidationException if either part is missing, {@code mediaType} is not one of
     *     {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp} (the types every
     *     supported provider accepts), or {@code source} is not standard padded base64
     */
    public ImageBlock {
        Checks.notNull(source, "source");
        Checks.notNull(mediaType, "mediaType");
        if (!Checks.IMAGE_MEDIA_TYPES.contains(mediaType)) {
            throw new ArcLlmValidationException("mediaType",
                    "must be one of image/png, image/jpeg, image/gif, image/webp, was " + Checks.shown(mediaType));
        }
        if (!Checks.isBase64(source)) {
            throw new ArcLlmValidationException("source",
                    "must be the image bytes in standard base64 (A-Z, a-z, 0-9, +, /, padded with =; no line breaks), "
                            + source.length() + " chars given");
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
