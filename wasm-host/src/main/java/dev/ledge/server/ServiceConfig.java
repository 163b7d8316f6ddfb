package dev.ledge.server;

import dev.ledge.engine.PrelinkedModule;
import dev.ledge.session.GuestEnvironment;
import dev.ledge.session.GuestLog;

/** One service Ledge serves: its linked module, the environment its guests see and where their output goes. */
public record ServiceConfig(String name, PrelinkedModule module, GuestEnvironment environment, GuestLog log) {
}
