package io.stream4flow.cli.job;

import java.util.List;

/**
 * One job {@code job list} shows: a job of the catalog, or a user SQL job started in this home.
 *
 * @param name the name ({@code --job}, the documents' {@code job})
 * @param kind {@code catalog} or {@code sql}
 * @param description one sentence; for a SQL job, its query
 * @param output {@code statistics}, {@code alerts} or {@code profiles}
 * @param defaultJob whether the job runner runs it when no job is named (the stack's own jobs, {@code s4fctl up})
 * @param parameters the declared parameters (none for a SQL job)
 * @param status where and how it runs now (state {@code stopped} and no pid when it never ran)
 */
public record JobInfo(String name, String kind, String description, String output, boolean defaultJob,
        List<Parameter> parameters, JobStatus status) {

    public JobInfo {
        parameters = List.copyOf(parameters);
    }

    /**
     * One parameter of a job, as {@code --param KEY=VALUE} sets it.
     *
     * @param type {@code duration}, {@code positive_int}, {@code cidr_list}, {@code name_list}, {@code port_list}
     *     or {@code file}
     * @param defaultValue the raw default, or {@code null} when there is none
     */
    public record Parameter(String name, String type, String defaultValue, boolean required, String description) {
    }
}
