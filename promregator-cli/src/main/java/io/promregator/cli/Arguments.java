package io.promregator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line, parsed.
 *
 * @param command what to do
 * @param config the configuration file, for every command but help, version and demo
 */
record Arguments(Command command, Optional<Path> config) {
    enum Command {
        RUN,
        DEMO,
        CHECK_CONFIG,
        EXPLAIN_TARGETS,
        HELP,
        VERSION
    }

    /** @throws IllegalArgumentException with a message for the user when the arguments make no sense */
    static Arguments parse(List<String> args) {
        Command command = null;
        Path config = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "-h", "--help" -> command = set(command, Command.HELP, arg);
                case "--version" -> command = set(command, Command.VERSION, arg);
                case "--demo" -> command = set(command, Command.DEMO, arg);
                case "--config", "--check-config", "--explain-targets" -> {
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new IllegalArgumentException(arg + " needs a file: " + arg + " promregator.yml");
                        }
                        value = args.get(++i);
                    }
                    if (config != null) {
                        throw new IllegalArgumentException("only one configuration file may be given");
                    }
                    config = Path.of(value);
                    command = set(
                            command,
                            switch (arg) {
                                case "--config" -> Command.RUN;
                                case "--check-config" -> Command.CHECK_CONFIG;
                                default -> Command.EXPLAIN_TARGETS;
                            },
                            arg);
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args.get(i));
            }
        }
        if (command == null) {
            throw new IllegalArgumentException("nothing to do: give --config FILE, --demo or --help");
        }
        return new Arguments(command, Optional.ofNullable(config));
    }

    private static Command set(Command current, Command next, String arg) {
        if (current != null && current != next) {
            throw new IllegalArgumentException(arg + " cannot be combined with the other options given");
        }
        return next;
    }
}
