package matrix;

/** Cholesky decomposition of a symmetric positive definite matrix: A = L * L^T. */
public final class Cholesky {
    private final Matrix l;

    private Cholesky(Matrix l) {
        this.l = l;
    }

    /**
     * Decomposes a symmetric positive definite matrix.
     *
     * @param a the matrix
     * @return its decomposition
     * @throws ArithmeticException if the matrix is not positive definite
     */
    public static Cholesky of(Matrix a) {
        if (!a.isSquare()) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got " + a.shape());
        }
        int n = a.rows();
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a.get(i, j);
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new ArithmeticException("not positive definite at row " + i);
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return new Cholesky(new Matrix(n, n, l));
    }

    /** @return the lower triangular factor L */
    public Matrix lower() {
        return l;
    }
}
