package io.arcllm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles as it stands, imports included, against the starter's
 * classpath: a newcomer can paste any of them.
 */
class ReadmeCompilesTests {

    private static final String OPEN = "```java\n";
    private static final String CLOSE = "\n```";

    @Test
    void everyJavaExampleInTheReadmeCompilesAsShown(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<Path> sources = new ArrayList<>();
        for (int start = readme.indexOf(OPEN); start >= 0; start = readme.indexOf(OPEN, start + 1)) {
            int end = readme.indexOf(CLOSE, start + OPEN.length());
            Path block = dir.resolve("block" + sources.size());
            Files.createDirectories(block);
            Path source = block.resolve(fileName(readme.substring(start + OPEN.length(), end), sources.size()));
            Files.writeString(source, readme.substring(start + OPEN.length(), end));
            sources.add(source);
        }
        assertThat(sources).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        for (Path source : sources) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                Path out = Files.createDirectories(source.getParent().resolve("classes"));
                List<String> options = List.of("-proc:none", "-classpath", classpath(), "-d", out.toString());
                boolean compiled = compiler.getTask(new StringWriter(), files, diagnostics, options, null,
                        files.getJavaFileObjects(source)).call();
                assertThat(compiled).as("README example %s:%n%s%n%s", source.getFileName(), Files.readString(source),
                        diagnostics.getDiagnostics()).isTrue();
            }
        }
    }

    private static String fileName(String code, int index) {
        int at = code.indexOf("public class ");
        if (at < 0) {
            return "Example" + index + ".java";
        }
        String rest = code.substring(at + "public class ".length());
        return rest.substring(0, rest.indexOf(' ')) + ".java";
    }

    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
