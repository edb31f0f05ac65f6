/*
 * Realistic demo data for a first look at rota: a few Oslo nursing homes,
 * twenty youths aged 14-19, two weeks of visit slots from the next Monday,
 * the school year around `today`, and legal assignments for most slots.
 */
#ifndef ROTAD_DEMO_H
#define ROTAD_DEMO_H

#include <stdint.h>

struct model_instance;

/*
 * A new linked instance for the two weeks after `today` (a civil day
 * count).  Every assignment in it passes the rules engine.
 */
struct model_instance *demo_instance(int32_t today);

#endif /* ROTAD_DEMO_H */
