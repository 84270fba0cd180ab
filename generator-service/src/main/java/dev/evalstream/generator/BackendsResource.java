package dev.evalstream.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GET /backends: [{name, logprobs}] for each backend of this generator, so a user can see why a
 * run has no log-probabilities (in-process llama.cpp gives none).
 */
@Path("/backends")
public class BackendsResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Backends backends;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        ArrayNode out = JSON.createArrayNode();
        backends.byName().values().forEach(b -> out.addObject().put("name", b.name()).put("logprobs", b.logprobs()));
        return out.toString();
    }
}
