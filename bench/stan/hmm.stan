// hmm (validation model 7): a three-state hidden Markov model with known parameters. Z0 ~ Categorical(init) is not
// observed; Z[t] follows Z[t - 1] (Z0 before the first) through the transition matrix and emits y[t] ~ Normal(mu[Z[t]], 1).
// With no continuous parameter there is nothing for NUTS to do: the run uses Stan's fixed-parameter sampler, and
// each draw of the states is an exact posterior draw by forward filtering, backward sampling. States are written
// 0-based (0, 1, 2), as Alan's Categorical numbers them.
data {
  int<lower=1> T;
  vector[T] y;
  simplex[3] init;
  matrix<lower=0, upper=1>[3, 3] transition;   // transition[from, to]
  vector[3] mu;
}
transformed data {
  // forward[i][s] = log p(y[1..i-1], state i = s), state 1 being Z0 and state i + 1 being Z[i].
  vector[3] forward[T + 1];
  matrix[3, 3] log_transition = log(transition);
  forward[1] = log(init);
  for (t in 1:T)
    for (s in 1:3)
      forward[t + 1][s] = log_sum_exp(forward[t] + col(log_transition, s)) + normal_lpdf(y[t] | mu[s], 1);
}
generated quantities {
  int Z0;
  int Z[T];
  {
    int next_state = categorical_rng(softmax(forward[T + 1]));
    Z[T] = next_state - 1;
    // p(state i = s | state i + 1, y) is proportional to forward[i][s] * transition[s, state i + 1].
    for (i in 1:T) {
      int t = T + 1 - i;                                   // the state drawn now is state t: Z[t - 1], or Z0 at t = 1
      int s = categorical_rng(softmax(forward[t] + col(log_transition, next_state)));
      if (t == 1) Z0 = s - 1; else Z[t - 1] = s - 1;
      next_state = s;
    }
  }
}
