package org.htscreen.workbench;

import picocli.CommandLine.Command;

@Command(name = "generate")
public final class GenerateCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
