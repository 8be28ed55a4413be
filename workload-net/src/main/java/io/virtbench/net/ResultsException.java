package io.virtbench.net;

/** A results object that cannot be used (get_results' IERECVRESULTS / IESTREAMID). */
final class ResultsException extends Exception {
    private static final long serialVersionUID = 1L;
    final int ierrno;

    ResultsException(String message, int ierrno) {
        super(message);
        this.ierrno = ierrno;
    }
}
