package io.virtbench.launcher;

/**
 * The jar's entry point. A plain {@code --help} is answered from the stored text
 * ({@link TopLevelHelp}) before {@link Main} and its list of commands are loaded at all; every
 * other command line goes to {@link Main}.
 */
public final class Start {
    private Start() {
    }

    public static void main(String[] args) {
        if (TopLevelHelp.print(args, System.out)) {
            System.exit(0);
        }
        Main.main(args);
    }
}
