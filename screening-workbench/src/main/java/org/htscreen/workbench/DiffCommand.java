package org.htscreen.workbench;

import picocli.CommandLine.Command;

@Command(name = "diff")
public final class DiffCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
