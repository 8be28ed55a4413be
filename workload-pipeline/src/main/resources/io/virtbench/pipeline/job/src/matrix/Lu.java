package matrix;

/** LU decomposition with partial pivoting: P * A = L * U. */
public final class Lu {
    private final int n;
    private final double[] lu;
    private final int[] pivot;
    private final int sign;
    private final boolean singular;

    private Lu(int n, double[] lu, int[] pivot, int sign, boolean singular) {
        this.n = n;
        this.lu = lu;
        this.pivot = pivot;
        this.sign = sign;
        this.singular = singular;
    }

    /**
     * Decomposes a square matrix.
     *
     * @param a the matrix
     * @return its decomposition
     */
    public static Lu of(Matrix a) {
        if (!a.isSquare()) {
            throw new IllegalArgumentException("LU needs a square matrix, got " + a.shape());
        }
        int n = a.rows();
        double[] m = a.values();
        int[] piv = new int[n];
        for (int i = 0; i < n; i++) {
            piv[i] = i;
        }
        int sign = 1;
        boolean singular = false;
        for (int k = 0; k < n; k++) {
            int p = k;
            double max = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(m[i * n + k]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            if (max < 1e-300) {
                singular = true;
                continue;
            }
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = m[p * n + j];
                    m[p * n + j] = m[k * n + j];
                    m[k * n + j] = t;
                }
                int t = piv[p];
                piv[p] = piv[k];
                piv[k] = t;
                sign = -sign;
            }
            double diag = m[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = m[i * n + k] / diag;
                m[i * n + k] = f;
                for (int j = k + 1; j < n; j++) {
                    m[i * n + j] -= f * m[k * n + j];
                }
            }
        }
        return new Lu(n, m, piv, sign, singular);
    }

    /** @return true if the matrix has no inverse */
    public boolean isSingular() {
        return singular;
    }

    /** @return the determinant */
    public double determinant() {
        if (singular) {
            return 0;
        }
        double d = sign;
        for (int i = 0; i < n; i++) {
            d *= lu[i * n + i];
        }
        return d;
    }

    /** @return the unit lower triangular factor L */
    public Matrix lower() {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                d[i * n + j] = lu[i * n + j];
            }
            d[i * n + i] = 1;
        }
        return new Matrix(n, n, d);
    }

    /** @return the upper triangular factor U */
    public Matrix upper() {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                d[i * n + j] = lu[i * n + j];
            }
        }
        return new Matrix(n, n, d);
    }

    /** @return the permutation matrix P */
    public Matrix permutation() {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + pivot[i]] = 1;
        }
        return new Matrix(n, n, d);
    }

    /**
     * Solves A x = b by forward and back substitution.
     *
     * @param b the right-hand side
     * @return x
     */
    public Vector solve(Vector b) {
        if (b.size() != n) {
            throw new IllegalArgumentException("right-hand side has " + b.size() + " entries, expected " + n);
        }
        if (singular) {
            throw new ArithmeticException("matrix is singular");
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.get(pivot[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                x[i] -= lu[i * n + j] * x[j];
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) {
                x[i] -= lu[i * n + j] * x[j];
            }
            x[i] /= lu[i * n + i];
        }
        return new Vector(x);
    }
}
