package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.devicedetection.DeviceDetection;
import dev.ledge.session.AbiError;

/** {@code fastly_device_detection}: the JSON the service's configuration gives for a user-agent string. */
final class DeviceDetectionCalls {
    static final String M = "fastly_device_detection";

    private DeviceDetectionCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "lookup", i32s(5), (s, a) -> {
            String ua = s.memory().readUtf8((int) a[0], (int) a[1], "user_agent");
            s.memory().check((int) a[4], 4, "nwritten_out");
            byte[] json = s.resource(DeviceDetection.class).lookup(ua);
            if (json == null) {
                throw AbiError.none("nothing is known about this user agent");
            }
            s.memory().writeSized(json, (int) a[2], (int) a[3], (int) a[4]);
            return 0;
        });
    }
}
