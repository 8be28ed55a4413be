package io.virtbench.net.protocol;

/** A results object that cannot be used (get_results' IERECVRESULTS / IESTREAMID). */
public final class ResultsException extends Exception {
    private static final long serialVersionUID = 1L;
    public final int ierrno;

    public ResultsException(String message, int ierrno) {
        super(message);
        this.ierrno = ierrno;
    }
}
