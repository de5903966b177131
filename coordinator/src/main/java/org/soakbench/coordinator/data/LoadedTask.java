package org.soakbench.coordinator.data;

import org.soakbench.coordinator.plan.TaskRoles;
import org.soakbench.protocol.TaskData;
import org.soakbench.protocol.TaskSpec;

/** A task read and validated once on the coordinator: its data, its planner roles and a content hash. */
public record LoadedTask(TaskSpec spec, TaskData data, TaskRoles roles, String hash) {}
