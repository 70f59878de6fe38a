package org.slotmail.slot.api;

/** The admin API's paths, shared by the slot's server and the client. */
public final class AdminPaths {
    public static final String STATUS = "/status";
    public static final String LISTENERS_STOP = "/listeners/stop";
    public static final String LISTENERS_START = "/listeners/start";
    public static final String ROLE = "/role";
    public static final String DRAIN = "/drain";

    private AdminPaths() {}
}
