using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>How an argument is spelled in the generated code, per context.</summary>
    internal static class ArgumentExpressions
    {
        /// <param name="latent">Spells a latent (by name) in the current context.</param>
        /// <param name="previous">Spells a timeseries latent's <c>prev</c> (only contexts that draw chains element by element give it).</param>
        public static string Call(CallPlan call, System.Func<string, string> latent, System.Func<ParamPlan, string> param, EmitContext ctx, string dataPrefix = "__data_", string inputPrefix = "__input_", System.Func<string, string>? wrap = null,
            System.Func<ArgPlan, string>? previous = null)
        {
            var args = call.Args.Select(a => a.Source switch
            {
                ArgSource.Latent => latent(a.Name),
                ArgSource.Data => wrap is null ? dataPrefix + a.Name : wrap("__data_" + a.Name),
                ArgSource.Input => wrap is null ? inputPrefix + a.Name : wrap(inputPrefix + a.Name),
                ArgSource.Previous => previous is null
                    ? throw new System.InvalidOperationException($"'prev' of '{call.Variable}' has no spelling in this context.")
                    : previous(a),
                _ => param(ctx.Param(a.Param!)),
            });
            return ctx.Names.Accessor(call) + "(" + string.Join(", ", args) + ")";
        }
    }
}
