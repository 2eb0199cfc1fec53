package org.htscreen.workbench;

import picocli.CommandLine.Command;

@Command(name = "sweep")
public final class SweepCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
