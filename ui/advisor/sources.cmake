# Sources of ui/advisor: the advisor's findings and the before/after cards.
target_sources(rejectscope_ui PRIVATE
    advisor/advisorcard.h advisor/advisorcard.cpp
    advisor/advisorlabels.h advisor/advisorlabels.cpp
    advisor/advisorpanel.h advisor/advisorpanel.cpp
    advisor/comparisoncard.h advisor/comparisoncard.cpp
    advisor/elidedlabel.h advisor/elidedlabel.cpp
    advisor/findingcard.h advisor/findingcard.cpp
    advisor/wrappinglabel.h advisor/wrappinglabel.cpp
)
