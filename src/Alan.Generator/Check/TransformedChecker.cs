using System.Collections.Generic;
using Alan.Generator.Model;

namespace Alan.Generator.Check
{
    /// <summary>ALAN046/ALAN047: a Transformed variable's bijector and base distribution must have types known at compile time.</summary>
    internal static class TransformedChecker
    {
        public static void Check(TransformedForm form, LocationInfo location, string variable, List<DiagnosticInfo> diagnostics)
        {
            if (form.BijectorFault != null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.TransformedBijectorUnknown, location, variable, form.BijectorFault));
            if (form.BaseFault != null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.TransformedBaseNotReal, location, variable, form.BaseFault));
        }
    }
}
