package io.arcllm.example;

import java.util.Map;

import org.springframework.stereotype.Service;

/** The agent's tool: a weather lookup (canned here; an HTTP client in a real application). */
@Service
public class WeatherService {

    private static final Map<String, String> WEATHER = Map.of("Paris", "21°C, sunny", "Oslo", "4°C, rain");

    /** The current weather of a city, or "unknown". */
    public String current(String city) {
        return WEATHER.getOrDefault(city, "unknown");
    }
}
