package dev.evalstream.generator.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The bench's model server: HTTP/1.1 keep-alive, one thread per connection, every request
 * answered with the same body {@code latencyMs} after its body arrived. Blocking and without
 * hand-offs between threads, as uvicorn answers for vLLM, so that the bench measures the
 * generator's overhead and not the stub's (the JDK's HttpServer added about 3 ms a request here).
 */
final class FixedLatencyServer implements AutoCloseable {
    private final ServerSocket socket;
    private final byte[] head;
    private final byte[] body;
    private final long latencyNanos;

    FixedLatencyServer(byte[] body, long latencyMs) throws IOException {
        this.socket = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        this.body = body;
        this.head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMs);
        Thread acceptor = new Thread(this::accept, "stub-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(connection), "stub-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = -1;
                for (String line; !(line = readLine(in)).isEmpty(); ) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                if (length < 0) {
                    throw new IOException("request without Content-Length");
                }
                in.readNBytes(length);
                TimeUnit.NANOSECONDS.sleep(latencyNanos);
                out.write(head);
                out.write(body);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // client closed the connection, or the bench ended
        }
    }

    /** One CRLF-terminated header line without its terminator; EOF ends the connection. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
