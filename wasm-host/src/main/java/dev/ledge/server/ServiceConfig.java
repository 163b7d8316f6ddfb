package dev.ledge.server;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestEnvironment;
import dev.ledge.session.GuestLog;

/**
 * One service Ledge serves: its linked module, its shared resources (stores, backends, ...), the
 * environment its guests see and where their output goes.
 */
public record ServiceConfig(String name, PrelinkedModule module, ServiceResources resources,
                            GuestEnvironment environment, GuestLog log) {
}
