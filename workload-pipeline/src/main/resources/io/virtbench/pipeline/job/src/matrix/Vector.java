package matrix;

import java.util.Arrays;

/** An immutable vector of doubles. */
public final class Vector {
    private final double[] data;

    /**
     * A vector holding a copy of the values.
     *
     * @param values the entries
     */
    public Vector(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty vector");
        }
        this.data = values.clone();
    }

    /** @return the number of entries */
    public int size() {
        return data.length;
    }

    /**
     * One entry.
     *
     * @param i index
     * @return the entry
     */
    public double get(int i) {
        return data[i];
    }

    /**
     * Dot product.
     *
     * @param o a vector of the same size
     * @return this . o
     */
    public double dot(Vector o) {
        requireSameSize(o);
        double s = 0;
        for (int i = 0; i < data.length; i++) {
            s += data[i] * o.data[i];
        }
        return s;
    }

    /**
     * Sum.
     *
     * @param o a vector of the same size
     * @return this + o
     */
    public Vector plus(Vector o) {
        requireSameSize(o);
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] + o.data[i];
        }
        return new Vector(d);
    }

    /**
     * Difference.
     *
     * @param o a vector of the same size
     * @return this - o
     */
    public Vector minus(Vector o) {
        requireSameSize(o);
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] - o.data[i];
        }
        return new Vector(d);
    }

    /**
     * Scaling.
     *
     * @param k factor
     * @return k * this
     */
    public Vector times(double k) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i] * k;
        }
        return new Vector(d);
    }

    /** @return the Euclidean norm */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    private void requireSameSize(Vector o) {
        if (o.data.length != data.length) {
            throw new IllegalArgumentException("sizes differ: " + data.length + " and " + o.data.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vector v && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return Arrays.toString(data);
    }
}
